package screens

// Title is one film or series of the demo catalog.
type Title struct {
	ID          string
	Name        string
	Year        int
	Genre       string
	Minutes     int
	Hue         float64 // poster colour, in degrees
	Description string
}

// catalog is the demo household's library: invented titles, so the demo depends on
// nobody's artwork.
var catalog = []Title{
	{"tide", "The Long Tide", 2024, "Drama", 118, 205, "A lighthouse keeper's daughter inherits a lamp that has not gone dark in a hundred years, and a storm that wants it to."},
	{"orbit", "Orbit of Small Things", 2025, "Sci-fi", 104, 260, "Two engineers on a cargo station find that the debris field outside is spelling out their names."},
	{"kitchen", "Night Kitchen", 2023, "Comedy", 96, 28, "A restaurant that only opens after midnight, a chef who cannot taste, and the critic who will not leave."},
	{"ridge", "North Ridge", 2022, "Thriller", 111, 190, "A rescue team climbs into a whiteout to reach a signal that should not exist."},
	{"garden", "The Glass Garden", 2025, "Family", 92, 130, "Siblings tend a greenhouse where every plant grows toward whoever is telling the truth."},
	{"atlas", "Atlas of Rain", 2021, "Documentary", 88, 220, "A year with the people who measure weather in the wettest valley on earth."},
	{"static", "Static Bloom", 2024, "Sci-fi", 122, 300, "A radio astronomer hears music in the noise, and it is getting closer to her song."},
	{"harbour", "Harbour Lights", 2020, "Romance", 101, 340, "Two ferry captains, opposite routes, the same ten minutes at the pier every day."},
	{"lantern", "Lantern Street", 2023, "Mystery", 109, 45, "Every lamp on one street goes out at the same minute each night. A retired detective starts counting."},
	{"summit", "Summit", 2025, "Adventure", 115, 170, "Four friends, one unclimbed peak, and a map that was drawn by someone who never came back."},
	{"paper", "Paper Moons", 2022, "Animation", 84, 55, "A boy who folds paper animals discovers they wake up whenever he is asleep."},
	{"circuit", "Circuit Breaker", 2024, "Action", 107, 0, "A power-grid engineer has one night to keep a city lit while someone switches it off block by block."},
	{"quiet", "The Quiet Year", 2021, "Drama", 126, 240, "A village agrees to a year without phones. Not everyone keeps the promise."},
	{"meridian", "Meridian", 2025, "Thriller", 113, 275, "A navigator discovers the ship's position has been a lie since the day they left port."},
	{"songbird", "Songbird Road", 2023, "Music", 99, 320, "A touring band, a borrowed van and one last run of small-town halls."},
	{"ember", "Ember & Ash", 2024, "Fantasy", 131, 15, "A blacksmith's apprentice forges a key that opens any door except the one she needs."},
}

// forKids reports whether a kids profile sees the title.
func (t Title) forKids() bool {
	switch t.Genre {
	case "Family", "Animation", "Documentary":
		return true
	}
	return false
}

// titleByID returns the catalog title with the given ID.
func titleByID(id string) (Title, bool) {
	for _, t := range catalog {
		if t.ID == id {
			return t, true
		}
	}
	return Title{}, false
}

// Rows of the home screen, by catalog ID.
var homeRows = []struct {
	ID, Name string
	Titles   []string
}{
	{"popular", "Popular on tenfoot", []string{"tide", "orbit", "kitchen", "ridge", "garden", "atlas", "static", "harbour"}},
	{"new", "New this week", []string{"lantern", "summit", "paper", "circuit", "quiet", "meridian", "songbird", "ember"}},
}

// similar returns up to n other titles of t's genre first, then any others.
func similar(t Title, n int) []Title {
	var out []Title
	for _, c := range catalog {
		if c.ID != t.ID && c.Genre == t.Genre {
			out = append(out, c)
		}
	}
	for _, c := range catalog {
		if len(out) >= n {
			break
		}
		if c.ID != t.ID && c.Genre != t.Genre {
			out = append(out, c)
		}
	}
	return out[:min(n, len(out))]
}

// titleByName returns the catalog title with the given name, or a title of that name
// with a neutral colour if the catalog has none (a download of a title since removed).
func titleByName(name string) (Title, bool) {
	for _, t := range catalog {
		if t.Name == name {
			return t, true
		}
	}
	return Title{ID: "unknown", Name: name, Hue: 220}, false
}
