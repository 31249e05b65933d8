//go:build !js

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"tenfoot/game"
	"tenfoot/i18n"
)

// fontFiles are where a language's font may lie, in the order looked in: the cut
// fonts that scripts/fonts.sh makes (in dir, if given), then Debian's Noto
// packages, fonts-noto-core and fonts-noto-cjk.
var fontFiles = map[i18n.Lang][][2]string{
	i18n.Arabic: {
		{"ar-regular.ttf", "ar-bold.ttf"},
		{"/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf", "/usr/share/fonts/truetype/noto/NotoSansArabic-Bold.ttf"},
		{"/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf", "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Bold.ttf"},
	},
	i18n.Japanese: {
		{"ja-regular.otf", "ja-bold.otf"},
		{"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"},
	},
}

// systemFonts finds a language's font on this computer: in dir, where
// scripts/fonts.sh puts them, or where Debian installs Noto.
func systemFonts(dir string) game.FontLoader {
	return func(l i18n.Lang) <-chan game.FontFiles {
		ch := make(chan game.FontFiles, 1)
		ch <- findFonts(dir, l)
		return ch
	}
}

func findFonts(dir string, l i18n.Lang) game.FontFiles {
	var tried []string
	for _, pair := range fontFiles[l] {
		var files [2][]byte
		for w, name := range pair {
			if !filepath.IsAbs(name) {
				if dir == "" {
					break
				}
				name = filepath.Join(dir, name)
			}
			data, err := os.ReadFile(name)
			if err != nil {
				tried = append(tried, name)
				break
			}
			files[w] = data
		}
		if files[0] != nil {
			return game.FontFiles{Regular: files[0], Bold: files[1]}
		}
	}
	return game.FontFiles{Err: fmt.Errorf("no font found (looked for %s); on Debian: apt-get install fonts-noto-core fonts-noto-cjk", strings.Join(tried, ", "))}
}

// osLanguage is the language the system's locale asks for: LANGUAGE (a list, most
// wanted first), then LC_ALL, LC_MESSAGES and LANG, as gettext reads them.
func osLanguage() i18n.Lang {
	var prefs []string
	for _, v := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"} {
		prefs = append(prefs, strings.Split(os.Getenv(v), ":")...)
	}
	l, _ := i18n.Match(prefs...)
	return l
}
