// Package catalog says what the app's library of titles is made of: titles, the rows
// Home shows them in, and how far each profile had got in the titles it started.
// It holds no titles itself: the host gives the screens a Catalog (package demo has
// the demo household's), so that the screens draw whatever library they are given.
package catalog
