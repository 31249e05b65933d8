package ui

// Words are what the toolkit says on its own, in the app's language: the names of
// the on-screen keyboard's special keys, the word a screen reader adds after a
// row's name, and the label of the Back button App adds on touch forms. The zero
// value says them in English.
type Words struct {
	Row, Shift, Space, Delete, Show, Hide, Done, Back string
	// On and Off say a toggle's state after its name, and Comma joins the two as
	// the language writes it (", ", "، ", "、"): a screen reader speaks the app's
	// language, and "Kinderprofil, on" was half English.
	On, Off, Comma string
	// Unavailable is said after the name of a button disabled while the change it
	// made runs.
	Unavailable string
	// Characters says how many characters a masked field holds ("5 characters",
	// "5 Zeichen"), with the language's plural; nil says it in English.
	Characters func(n int) string
	// RTL says the language is written right to left, so its screens are mirrored
	// once built (see Mirror).
	RTL bool
}

// or returns s, or english when s is empty.
func or(s, english string) string {
	if s == "" {
		return english
	}
	return s
}
