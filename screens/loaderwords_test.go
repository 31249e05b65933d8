package screens

import (
	"os"
	"regexp"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/i18n"
)

// loaderWords reads the browser loader's words (WORDS in wasm/compat.js), by
// language and key. The loader speaks before the app runs, so its words cannot
// come from this catalog; this test keeps them saying the same.
func loaderWords(t *testing.T) map[string]map[string]string {
	t.Helper()
	src, err := os.ReadFile("../wasm/compat.js")
	require.NoError(t, err)
	table := regexp.MustCompile(`(?s)var WORDS = \{\n(.*?)\n  \};`).FindSubmatch(src)
	require.NotNil(t, table, "compat.js has no WORDS table")
	words := map[string]map[string]string{}
	blocks := regexp.MustCompile(`(?s)\n?    (\w+): \{\n(.*?)\n    \},`).FindAllSubmatch(table[1], -1)
	entry := regexp.MustCompile(`(?m)^      (\w+): ('((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"),$`)
	for _, b := range blocks {
		lang := map[string]string{}
		for _, e := range entry.FindAllSubmatch(b[2], -1) {
			lang[string(e[1])] = string(e[3]) + string(e[4])
		}
		words[string(b[1])] = lang
	}
	return words
}

// The loader says Loading… as the app does, in each language, and has every one
// of its words in every language.
func TestLoaderWordsMatchTheCatalog(t *testing.T) {
	words := loaderWords(t)
	require.Contains(t, words, "en")
	var keys []string
	for k := range words["en"] {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	require.Greater(t, len(keys), 10, "the English words were read")
	for _, l := range i18n.Langs {
		w, ok := words[l.Tag()]
		if !assert.True(t, ok, "no loader words in %s", l.Tag()) {
			continue
		}
		assert.Equal(t, messages[l][msgLoading].Other, w["loading"], "Loading… in %s", l.Tag())
		for _, k := range keys {
			assert.NotEmpty(t, w[k], "the loader has no %q in %s", k, l.Tag())
			if l != i18n.English && k != "listSep" {
				assert.NotEqual(t, words["en"][k], w[k], "%q is English in %s", k, l.Tag())
			}
		}
	}
	assert.Len(t, words, len(i18n.Langs), "words in the app's languages, no others")
}

// A browser without JavaScript is told so in every language of the app: nothing
// can tell which one the viewer reads.
func TestNoScriptNoticeInEveryLanguage(t *testing.T) {
	page, err := os.ReadFile("../wasm/index.html")
	require.NoError(t, err)
	notice := regexp.MustCompile(`(?s)<noscript>(.*?)</noscript>`).FindSubmatch(page)
	require.NotNil(t, notice, "index.html has no notice for a browser without JavaScript")
	for _, l := range i18n.Langs {
		assert.Regexp(t, `<p lang="`+l.Tag()+`"[^>]*>[^<]*JavaScript[^<]*</p>`, string(notice[1]), "no notice in %s", l.Tag())
	}
}
