package demo

import (
	"tenfoot/catalog"
	"tenfoot/session"
)

// Catalog is the demo's library: invented titles, so the demo depends on nobody's
// artwork. The household's downloads and history name titles of it.
var Catalog = catalog.Catalog{
	Titles: []catalog.Title{tide, orbit, kitchen, ridge, garden, atlas, static, harbour,
		lantern, summit, paper, circuit, quiet, meridian, songbird, ember},
	Rows: []catalog.Row{
		{ID: "popular", Name: "Popular on tenfoot", Titles: []catalog.Title{tide, orbit, kitchen, ridge, garden, atlas, static, harbour},
			Names: map[string]string{"de": "Beliebt auf tenfoot", "ar": "الأكثر مشاهدة على tenfoot", "ja": "tenfootで人気"}},
		{ID: "new", Name: "New this week", Titles: []catalog.Title{lantern, summit, paper, circuit, quiet, meridian, songbird, ember},
			Names: map[string]string{"de": "Neu diese Woche", "ar": "جديد هذا الأسبوع", "ja": "今週の新着"}},
	},
	Genres:  genres,
	Started: started,
}

// genres names the demo's genres in the app's other languages; the titles and their
// stories stay as their makers wrote them.
var genres = map[string]map[string]string{
	"Action":      {"de": "Action", "ar": "أكشن", "ja": "アクション"},
	"Adventure":   {"de": "Abenteuer", "ar": "مغامرة", "ja": "アドベンチャー"},
	"Animation":   {"de": "Animation", "ar": "رسوم متحركة", "ja": "アニメーション"},
	"Comedy":      {"de": "Komödie", "ar": "كوميديا", "ja": "コメディ"},
	"Documentary": {"de": "Dokumentarfilm", "ar": "وثائقي", "ja": "ドキュメンタリー"},
	"Drama":       {"de": "Drama", "ar": "دراما", "ja": "ドラマ"},
	"Family":      {"de": "Familie", "ar": "عائلي", "ja": "ファミリー"},
	"Fantasy":     {"de": "Fantasy", "ar": "فانتازيا", "ja": "ファンタジー"},
	"Music":       {"de": "Musik", "ar": "موسيقى", "ja": "音楽"},
	"Mystery":     {"de": "Mystery", "ar": "غموض", "ja": "ミステリー"},
	"Romance":     {"de": "Liebesfilm", "ar": "رومانسي", "ja": "ロマンス"},
	"Sci-fi":      {"de": "Science-Fiction", "ar": "خيال علمي", "ja": "SF"},
	"Thriller":    {"de": "Thriller", "ar": "إثارة", "ja": "スリラー"},
}

var (
	tide     = title("tide", "The Long Tide", 2024, "Drama", 118, 205, "A lighthouse keeper's daughter inherits a lamp that has not gone dark in a hundred years, and a storm that wants it to.")
	orbit    = title("orbit", "Orbit of Small Things", 2025, "Sci-fi", 104, 260, "Two engineers on a cargo station find that the debris field outside is spelling out their names.")
	kitchen  = title("kitchen", "Night Kitchen", 2023, "Comedy", 96, 28, "A restaurant that only opens after midnight, a chef who cannot taste, and the critic who will not leave.")
	ridge    = title("ridge", "North Ridge", 2022, "Thriller", 111, 190, "A rescue team climbs into a whiteout to reach a signal that should not exist.")
	garden   = title("garden", "The Glass Garden", 2025, "Family", 92, 130, "Siblings tend a greenhouse where every plant grows toward whoever is telling the truth.")
	atlas    = title("atlas", "Atlas of Rain", 2021, "Documentary", 88, 220, "A year with the people who measure weather in the wettest valley on earth.")
	static   = title("static", "Static Bloom", 2024, "Sci-fi", 122, 300, "A radio astronomer hears music in the noise, and it is getting closer to her song.")
	harbour  = title("harbour", "Harbour Lights", 2020, "Romance", 101, 340, "Two ferry captains, opposite routes, the same ten minutes at the pier every day.")
	lantern  = title("lantern", "Lantern Street", 2023, "Mystery", 109, 45, "Every lamp on one street goes out at the same minute each night. A retired detective starts counting.")
	summit   = title("summit", "Summit", 2025, "Adventure", 115, 170, "Four friends, one unclimbed peak, and a map that was drawn by someone who never came back.")
	paper    = title("paper", "Paper Moons", 2022, "Animation", 84, 55, "A boy who folds paper animals discovers they wake up whenever he is asleep.")
	circuit  = title("circuit", "Circuit Breaker", 2024, "Action", 107, 0, "A power-grid engineer has one night to keep a city lit while someone switches it off block by block.")
	quiet    = title("quiet", "The Quiet Year", 2021, "Drama", 126, 240, "A village agrees to a year without phones. Not everyone keeps the promise.")
	meridian = title("meridian", "Meridian", 2025, "Thriller", 113, 275, "A navigator discovers the ship's position has been a lie since the day they left port.")
	songbird = title("songbird", "Songbird Road", 2023, "Music", 99, 320, "A touring band, a borrowed van and one last run of small-town halls.")
	ember    = title("ember", "Ember & Ash", 2024, "Fantasy", 131, 15, "A blacksmith's apprentice forges a key that opens any door except the one she needs.")
)

// title returns a title of the catalog; kids profiles see its family films,
// animation and documentaries.
func title(id, name string, year int, genre string, minutes int, hue float64, description string) catalog.Title {
	kids := genre == "Family" || genre == "Animation" || genre == "Documentary"
	return catalog.Title{ID: id, Name: name, Year: year, Genre: genre, Minutes: minutes, Hue: hue, Description: description, Kids: kids}
}

// started is how far the household's own profiles had got when the demo begins: a
// profile added later has watched nothing yet.
func started(p session.Profile) map[string]float64 {
	switch {
	case !seededProfile(p.ID):
		return nil
	case p.Kids:
		return map[string]float64{paper.ID: 0.5, garden.ID: 0.2}
	default:
		return map[string]float64{summit.ID: 0.35, meridian.ID: 0.7}
	}
}
