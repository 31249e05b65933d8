package catalog

import "tenfoot/session"

// Title is one film or series.
type Title struct {
	ID          string
	Name        string
	Year        int
	Genre       string
	Minutes     int
	Hue         float64 // poster colour, in degrees
	Description string
	// Kids is set on the titles a kids profile sees.
	Kids bool
}

// Row is one row of titles on Home, such as "New this week".
type Row struct {
	ID, Name string
	Titles   []Title
}

// Catalog is a library of titles. Its zero value is an empty library.
type Catalog struct {
	// Titles are all the titles, in the order lists of them are shown.
	Titles []Title
	// Rows are Home's rows below the profile's own (continue watching, downloads).
	Rows []Row
	// Started says how far a profile had got in the titles it started, title ID to
	// share watched, when the app first shows it; nil, or a nil answer, is nothing.
	Started func(session.Profile) map[string]float64
}

// ByID returns the title with the given ID.
func (c Catalog) ByID(id string) (Title, bool) {
	for _, t := range c.Titles {
		if t.ID == id {
			return t, true
		}
	}
	return Title{}, false
}

// ByName returns the title with the given name, or a title of that name with a
// neutral colour if the catalog has none (a download of a title since removed).
func (c Catalog) ByName(name string) (Title, bool) {
	for _, t := range c.Titles {
		if t.Name == name {
			return t, true
		}
	}
	return Title{ID: "unknown", Name: name, Hue: 220}, false
}

// Similar returns up to n other titles: those of t's genre first, then any others.
func (c Catalog) Similar(t Title, n int) []Title {
	var out []Title
	for _, s := range c.Titles {
		if s.ID != t.ID && s.Genre == t.Genre {
			out = append(out, s)
		}
	}
	for _, s := range c.Titles {
		if len(out) >= n {
			break
		}
		if s.ID != t.ID && s.Genre != t.Genre {
			out = append(out, s)
		}
	}
	return out[:min(n, len(out))]
}
