//go:build js

package wasm

import (
	"errors"
	"net/url"
	"syscall/js"

	"tenfoot/game"
	"tenfoot/i18n"
)

// fontURLs are the fonts scripts/fonts.sh puts in the web build, by language. The
// browser fetches only the regular weight of Japanese (3.7 MB; bold text is drawn
// in it): the bold would double what a TV downloads for headings alone.
var fontURLs = map[i18n.Lang][2]string{
	i18n.Arabic:   {"fonts/ar-regular.ttf", "fonts/ar-bold.ttf"},
	i18n.Japanese: {"fonts/ja-regular.otf", ""},
}

// fetchFonts is the browser's game.FontLoader: the loader page fetches each file
// with its progress bar over the app (window.tenfootFont), and the bytes arrive on
// the game's next tick.
func fetchFonts(l i18n.Lang) <-chan game.FontFiles {
	ch := make(chan game.FontFiles, 1)
	urls, ok := fontURLs[l]
	if !ok {
		ch <- game.FontFiles{Err: errors.New("no font for " + l.Tag())}
		return ch
	}
	go func() {
		var files game.FontFiles
		for i, u := range urls {
			if u == "" {
				continue
			}
			data, err := fetchFont(u)
			if err != nil {
				files.Err = err
				break
			}
			if i == 0 {
				files.Regular = data
			} else {
				files.Bold = data
			}
		}
		ch <- files
	}()
	return ch
}

// fetchFont asks the loader page for one font file and waits for its bytes.
func fetchFont(path string) ([]byte, error) {
	fetch := js.Global().Get("tenfootFont")
	if fetch.Type() != js.TypeFunction {
		return nil, errors.New("the page has no font loader (window.tenfootFont)")
	}
	type result struct {
		data []byte
		err  error
	}
	done := make(chan result, 1)
	var then, catch js.Func
	then = js.FuncOf(func(this js.Value, args []js.Value) any {
		buf := make([]byte, args[0].Get("length").Int())
		js.CopyBytesToGo(buf, args[0])
		done <- result{data: buf}
		return nil
	})
	catch = js.FuncOf(func(this js.Value, args []js.Value) any {
		done <- result{err: errors.New(path + ": " + js.Global().Get("String").Invoke(args[0]).String())}
		return nil
	})
	defer then.Release()
	defer catch.Release()
	fetch.Invoke((&url.URL{Path: path}).String()).Call("then", then).Call("catch", catch)
	r := <-done
	return r.data, r.err
}

// browserLanguage is the language the page is opened in: ?lang=, else the first of
// navigator.languages that tenfoot speaks, else English.
func browserLanguage() i18n.Lang {
	q := js.Global().Get("location").Get("search").String()
	if v, err := url.ParseQuery(trimQuestion(q)); err == nil && v.Get("lang") != "" {
		if l, ok := i18n.Parse(v.Get("lang")); ok {
			return l
		}
	}
	var prefs []string
	if langs := js.Global().Get("navigator").Get("languages"); langs.Truthy() {
		for i := range langs.Length() {
			prefs = append(prefs, langs.Index(i).String())
		}
	} else if l := js.Global().Get("navigator").Get("language"); l.Truthy() {
		prefs = append(prefs, l.String())
	}
	l, _ := i18n.Match(prefs...)
	return l
}

func trimQuestion(q string) string {
	if len(q) > 0 && q[0] == '?' {
		return q[1:]
	}
	return q
}
