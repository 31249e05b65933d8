package i18n

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// TestPluralRulesAreCLDRs checks the hand-written rules against CLDR's own, as
// golang.org/x/text carries them (only here, in a test: the app does not link it).
func TestPluralRulesAreCLDRs(t *testing.T) {
	forms := map[plural.Form]Form{plural.Other: Other, plural.Zero: Zero, plural.One: One, plural.Two: Two, plural.Few: Few, plural.Many: Many}
	for _, l := range Langs {
		tag := language.MustParse(l.Tag())
		for n := 0; n <= 1000; n++ {
			want := forms[plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0)]
			if !assert.Equal(t, want, l.Plural(n), "%s, %d", l, n) {
				break
			}
		}
		used := map[Form]bool{}
		for n := 0; n <= 1000; n++ {
			used[l.Plural(n)] = true
		}
		assert.Len(t, l.Forms(), len(used), "%s: Forms lists every form its numbers take", l)
		for _, f := range l.Forms() {
			assert.True(t, used[f], "%s uses %s", l, f)
		}
	}
}

func TestChoosingALanguage(t *testing.T) {
	for _, c := range []struct {
		prefs []string
		want  Lang
		ok    bool
	}{
		{[]string{"de-AT", "en"}, German, true},
		{[]string{"fr-FR", "ja-JP"}, Japanese, true},
		{[]string{"ar_EG.UTF-8"}, Arabic, true},
		{[]string{"fr", "es"}, English, false},
		{nil, English, false},
	} {
		l, ok := Match(c.prefs...)
		assert.Equal(t, c.want, l, "%v", c.prefs)
		assert.Equal(t, c.ok, ok, "%v", c.prefs)
	}
	for h, want := range map[string]Lang{
		"de-CH, ja;q=0.9, en;q=0.5": German,
		"fr, ja;q=0.4, de;q=0.3":    Japanese,
		"en;q=0.2, ar;q=0.8":        Arabic,
		"*":                         English,
		"":                          English,
	} {
		l, _ := MatchAcceptLanguage(h)
		assert.Equal(t, want, l, h)
	}
	assert.True(t, Arabic.RTL())
	assert.False(t, Japanese.RTL())
	assert.Equal(t, "日本語", Japanese.Name())
}

func TestFormat(t *testing.T) {
	c := Catalog{
		English: {"lost": {One: "1 title will be deleted: {titles}.", Other: "{n} titles will be deleted: {titles}."}},
		Arabic: {"lost": {Zero: "-", One: "سيُحذف عنوان واحد: {titles}.", Two: "سيُحذف عنوانان: {titles}.",
			Few: "ستُحذف {n} عناوين: {titles}.", Many: "سيُحذف {n} عنوانًا: {titles}.", Other: "سيُحذف {n} عنوان: {titles}."}},
	}
	assert.Equal(t, "1 title will be deleted: Summit.", c.Format(English, "lost", N("n", 1), S("titles", "Summit")))
	assert.Equal(t, "3 titles will be deleted: A.", c.Format(English, "lost", N("n", 3), S("titles", "A")))
	assert.Equal(t, "ستُحذف 3 عناوين: "+FSI+"Summit"+PDI+".", c.Format(Arabic, "lost", N("n", 3), S("titles", "Summit")),
		"a Latin argument is isolated in a right-to-left sentence")
	assert.Equal(t, "سيُحذف 11 عنوانًا: "+FSI+"A"+PDI+".", c.Format(Arabic, "lost", N("n", 11), S("titles", "A")))
	assert.Equal(t, "2 titles will be deleted: A.", c.Format(German, "lost", N("n", 2), S("titles", "A")), "a missing message falls back to English")
	assert.Equal(t, "nope", c.Format(English, "nope"))
	p := c.Format(Pseudo, "lost", N("n", 2), S("titles", "Summit"))
	assert.Contains(t, p, "Summit", "arguments are not accented")
	assert.Contains(t, p, "ŧīŧŀḗş")
	assert.Regexp(t, `^\[.*~+\]$`, p)
	assert.Equal(t, []string{"n", "titles"}, Placeholders("{n} titles: {titles}"))
}

func TestDates(t *testing.T) {
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	d := time.Date(2026, 3, 7, 9, 5, 0, 0, time.UTC)
	old := time.Date(2025, 12, 24, 0, 0, 0, 0, time.UTC)
	assert.Equal(t, "7 March", English.Date(d, now))
	assert.Equal(t, "24 December 2025", English.Date(old, now))
	assert.Equal(t, "7. März", German.Date(d, now))
	assert.Equal(t, "24. Dezember 2025", German.Date(old, now))
	assert.Equal(t, "3月7日", Japanese.Date(d, now))
	assert.Equal(t, "2025年12月24日", Japanese.Date(old, now))
	assert.Equal(t, "7 مارس", Arabic.Date(d, now))
	assert.Equal(t, "09:05", German.Clock(d))
}

// An Accept-Language weight is read as RFC 9110 §12.4.2 writes it: "q" in either
// case, a number from 0 to 1. An entry whose weight is anything else is ignored,
// so that it never outranks the languages asked for properly.
func TestAcceptLanguageWeights(t *testing.T) {
	for _, c := range []struct {
		header string
		want   Lang
		ok     bool
	}{
		{"ja;Q=0.1, de", German, true},
		{"de;q=0.5, ja;Q=0.9", Japanese, true},
		{"ja ; q=0.1 , de", German, true},
		{"de, ar;q=9", German, true},
		{"de;q=0.5, ar;q=1.5", German, true},
		{"de;q=0.5, ar;q=-1", German, true},
		{"de;q=0.5, ar;q=Inf", German, true},
		{"de;q=0.5, ar;q=NaN", German, true},
		{"de;q=0.5, ar;q=1e0", German, true},
		{"de;q=0.5, ar;q=0x1p-1", German, true},
		{"de;q=0.5, ar;q=", German, true},
		{"ar;q=2", English, false},
		{"ar;q=1.000, de;q=0.999", Arabic, true},
		{"ar;q=0", English, false},
	} {
		l, ok := MatchAcceptLanguage(c.header)
		assert.Equal(t, c.want, l, c.header)
		assert.Equal(t, c.ok, ok, c.header)
	}
}
