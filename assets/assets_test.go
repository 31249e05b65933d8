package assets

import (
	"bytes"
	"testing"

	"github.com/go-text/typesetting/font"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFontsHaveTheirGlyphs(t *testing.T) {
	for _, c := range []struct {
		name string
		data []byte
		has  string
	}{
		{"Go regular", GoFont(WeightRegular), "•·…●○ABCabc0123@äöüßÄÖÜ"},
		{"Go bold", GoFont(WeightBold), "•·…●○ABCabc0123@äöüß"},
		{"Arabic names", NamesArabic, "العربية"},
		{"Japanese names", NamesJapanese, "日本語"},
	} {
		faces, err := font.ParseTTF(bytes.NewReader(c.data))
		require.NoError(t, err, c.name)
		for _, r := range c.has {
			_, ok := faces.NominalGlyph(r)
			assert.True(t, ok, "%s has %q", c.name, r)
		}
	}
}
