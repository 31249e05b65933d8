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
	// Names are Name in other languages, by BCP 47 tag ("de", "ja"): a row's name
	// is the catalog's words, as a title's is.
	Names  map[string]string
	Titles []Title
}

// NameIn returns the row's name in the language tagged lang, or Name if it has none.
func (r Row) NameIn(lang string) string {
	if n, ok := r.Names[lang]; ok {
		return n
	}
	return r.Name
}

// Catalog is a library of titles. Its zero value is an empty library.
type Catalog struct {
	// Titles are all the titles, in the order lists of them are shown.
	Titles []Title
	// Rows are Home's rows below the profile's own (continue watching, downloads).
	Rows []Row
	// Genres are the names of the titles' genres in other languages: genre, then
	// BCP 47 tag, to name. A genre missing is shown as the title has it.
	Genres map[string]map[string]string
	// Started says how far a profile had got in the titles it started, title ID to
	// share watched, when the app first shows it; nil, or a nil answer, is nothing.
	Started func(session.Profile) map[string]float64
}

// GenreIn returns genre named in the language tagged lang.
func (c Catalog) GenreIn(genre, lang string) string {
	if n, ok := c.Genres[genre][lang]; ok {
		return n
	}
	return genre
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
