package ui

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Layouts in the spirit of BBC LRUD-spatial's test layouts (test/layouts/*.html) and
// the WICG spatial navigation polyfill's tests (tests/ux), rebuilt as sketches. Each
// walk starts on a fresh View: "A v C > D" starts on A, presses Down and expects C,
// then Right and expects D. The rule each pins is in the package doc's table.
func TestLayouts(t *testing.T) {
	tests := []struct {
		name   string
		source string
		sketch sketch
		walks  []string
	}{
		{
			name: "one container of four", source: "LRUD 1c-4f",
			sketch: sketch{draw: `
AAAA  BBBB

CCCC  DDDD`, tree: "s:r(ABCD)"},
			walks: []string{"A > B", "A v C", "A > B v D < C ^ A", "A < A", "A > B > B"},
		},
		{
			name: "two containers stacked: each is entered at the child it remembers, else its first", source: "LRUD 2c-v-4f",
			sketch: sketch{draw: `
AAAA  BBBB

CCCC  DDDD`, tree: "top:r(AB) bottom:r(CD)"},
			walks: []string{"A v C ^ A", "A v C > D ^ A", "A > B v C < C ^ B", "A > B v C > D ^ B v D"},
		},
		{
			name: "two containers side by side: leaving one for the other lands on what it remembers", source: "LRUD 2c-h-4f",
			sketch: sketch{draw: `
AAAA BBBB   CCCC DDDD`, tree: "left:r(AB) right:r(CD)"},
			walks: []string{"A v A", "A > B > C < B", "A > B > C > D < C < B"},
		},
		{
			name: "hidden nodes and the nodes in a hidden container are skipped", source: "LRUD hidden",
			sketch: sketch{draw: `
AAA BBB CCC DDD

EEE`, tree: "A B gone:h(C) D E"},
			walks: []string{"A > B > D", "A v E"},
		},
		{
			name: "disabled nodes are skipped", source: "LRUD disabled",
			sketch: sketch{draw: `
AAA BBB CCC

DDD EEE FFF`, tree: "A off:d(B) C D E F"},
			walks: []string{"A > C", "D ^ A", "E ^ A"},
		},
		{
			name: "rows of three sizes, no containers: down lands under the exit edge's midpoint", source: "LRUD 0c-v-11f-size",
			sketch: sketch{draw: `
AAAAA BBBBB CCCCC DDDDD

EEEEEEE FFFFFFF GGGGGGG

H  I  J  K  L  M  N  O`},
			walks: []string{"B v F", "C v F", "D v G", "A v E v I", "B v F v L", "C v F v L ^ F", "G v N ^ G"},
		},
		{
			name: "equal distances to two corners: the one in line wins", source: "LRUD 0c-3f-distance",
			sketch: sketch{draw: `
  AAA

BBB CCC`},
			walks: []string{"A v B > C ^ A", "B ^ A"},
		},
		{
			name: "the current container first: down at the end of a full row reaches the short last row of the same section", source: "LRUD container-with-empty-space; issue rule 1",
			sketch: sketch{draw: `
AAA BBB CCC DDD

EEE


FFF GGG HHH III`, tree: "s1:r(ABCDE) s2:r(FGHI)"},
			walks: []string{"D v E", "C v E", "B v E v F", "H ^ A", "D v E v F > G ^ E"},
		},
		{
			name: "a container that searches by geometry is entered at its nearest child", source: "LRUD data-lrud-prioritise-children; issue rule 2 opt-out",
			sketch: sketch{draw: `
AAA BBB CCC DDD

EEE FFF GGG HHH`, tree: "top:r(ABCD) keys:n(EFGH)"},
			walks: []string{"C v G", "C v G ^ C", "A > B > C v G < F ^ C"},
		},
		{
			name: "rows entered at the tile they remember: down, up and down again returns to the same tile", source: "LRUD last active child (2c-v-11f-size); issue rule 2",
			sketch: sketch{draw: `
AAA BBB CCC DDD EEE

FFF GGG HHH III JJJ`, tree: "r1:rx(ABCDE) r2:rx(FGHIJ)"},
			walks: []string{"D v F ^ D v F", "D v F > G > H ^ D v H", "A > B v F ^ B"},
		},
		{
			name: "a menu beside rows: entering the menu lands on its default, the current section", source: "LRUD containers; tenfoot Home",
			sketch: sketch{draw: `
MMMM  AAA BBB CCC

NNNN  DDD EEE FFF`, tree: "menu:r=M(MN) r1:rx(ABC) r2:rx(DEF)"},
			walks: []string{"D < M", "A > B v D < M v N > D", "E < D < M > A", "A < M > A"},
		},
		{
			name: "nested containers: focus goes into a nested one and out of it", source: "LRUD 4c-v-5f-nested",
			sketch: sketch{draw: `
AAA

 BBB

CCC

DDD EEE`, tree: "s1:r(A inner:r(B) C) s2:r(DE)"},
			walks: []string{"A v B v C v D", "A v B v C v D ^ C ^ B ^ A", "E ^ A", "E < D"},
		},
		{
			name: "a blocked exit keeps focus inside, and the next-best inside is tried", source: "LRUD 3c-h-6f-blocked-exit (data-block-exit); issue rule 3",
			sketch: sketch{draw: `
MMMM   XXX


      YYY

 NNNN  ZZZ`, tree: "menu:r<^v(M sub:r(N)) X Y Z"},
			walks: []string{"M < M", "M ^ M", "N ^ M", "N < N", "M v N", "N v N", "N > Z", "M > X", "Z < M", "Y < M"},
		},
		{
			name: "a container blocking Down stops focus at its bottom, while Right still leaves", source: "LRUD 3c-h-6f-blocked-exit",
			sketch: sketch{draw: `
AAA BBB     CCC DDD

EEE FFF`, tree: "top:rv(AB) right:r^(CD) E F"},
			walks: []string{"B v B", "B > C", "C < A", "A > B > C < B", "E ^ A", "F ^ A", "F > C"},
		},
		{
			name: "staggered tiles: a tile overlapping the origin by less than 30% along the move is still below it", source: "LRUD tiled-items (overlap threshold); issue rule 5",
			sketch: sketch{cell: 10, draw: `
AAAAAAAAAA
AAAAAAAAAA
AAAAAAAAAA BBBBBBBBBB
AAAAAAAAAA BBBBBBBBBB
           BBBBBBBBBB
           BBBBBBBBBB
           BBBBBBBBBB
           BBBBBBBBBB
           BBBBBBBBBB
           BBBBBBBBBB
           BBBBBBBBBB
           BBBBBBBBBB

CCCCCCCCCC DDDDDDDDDD`},
			walks: []string{"A v B", "A > B", "B v D", "C ^ B"},
		},
		{
			name: "a tile overlapping the origin by more than 30% along the move is beside it, not below", source: "LRUD tiled-items (overlap threshold); issue rule 5",
			sketch: sketch{cell: 10, draw: `
AAAAAAAAAA BBBBBBBBBB
AAAAAAAAAA BBBBBBBBBB
AAAAAAAAAA BBBBBBBBBB
AAAAAAAAAA BBBBBBBBBB
           BBBBBBBBBB

CCCCCCCCCC DDDDDDDDDD`},
			walks: []string{"A v C", "A > B", "B v D", "C ^ A"},
		},
		{
			name: "a tile one pixel nearer but off to the side does not beat the one straight ahead", source: "WICG tests/ux grid-align-002, at half its size; issue rule 5",
			sketch: sketch{cell: 20, draw: `
       AAAAAAAAAAAAAA
       AAAAAAAAAAAAAA
       AAAAAAAAAAAAAA
       AAAAAAAAAAAAAA




    BBBBBBBBBBBBB CCCCC
    BBBBBBBBBBBBB CCCCC
    BBBBBBBBBBBBB CCCCC
                  CCCCC`, nudge: map[string]Rect{"B": {Y: 1}}},
			walks: []string{"A v B", "C ^ A", "B > C"},
		},
		{
			name: "the nearer of two wins although the other lies straight ahead: the next row, however short, is next", source: "LRUD (closest point) over Android and WICG; tenfoot Home",
			sketch: sketch{draw: `
AAA BBB

CCC

DDD EEE FFF`, tree: "r1:rx(AB) r2:rx(C) r3:rx(DEF)"},
			walks: []string{"B v C", "B v C v D", "E ^ C ^ A"},
		},
		{
			name: "a tall item beside short ones: Right goes to the one level with its middle", source: "WICG tests/ux fragments-001",
			sketch: sketch{draw: `
AAA BBB
AAA
AAA CCC
AAA
AAA DDD
AAA
AAA EEE
AAA`},
			walks: []string{"A > D", "E < A", "B < A", "B v C v D v E v E"},
		},
		{
			name: "from the end of a row, Right does not jump down to the next row", source: "tenfoot; Android TV rows",
			sketch: sketch{draw: `
AAA BBB CCC

DDD EEE FFF GGG HHH`, tree: "r1:rx(ABC) r2:rx(DEFGH)"},
			walks: []string{"C > C", "C v D > E > F > G"},
		},
		{
			name: "an item scrolled out of view is reached by moving along its scroller, and scrolled into view", source: "WICG scrollable containers; issue rule 6",
			sketch: sketch{screenW: 16, draw: `
AAA BBB CCC DDD EEE FFF`, tree: "r:rx(ABCDEF)"},
			walks: []string{"C > D > E > F < E"},
		},
		{
			name: "items outside every visible scroller are not candidates from outside it", source: "WICG isVisibleInScroller; issue rule 6",
			sketch: sketch{screenH: 4, draw: `
     AAAA

MMM  BBBB

     CCCC

     DDDD`, tree: "list:yn(ABCD) M"},
			walks: []string{"M > B", "M v M", "B v C v D ^ C"},
		},
		{
			name: "a keyboard grid with a wide space bar: Up from it goes to the key over its middle, or back to the key Down came from", source: "tenfoot on-screen keyboard",
			sketch: sketch{draw: `
FFFFFFFFFFFFFFFFFFFF

 1  2  3  4  5  6  7

    SSSSSSSSSSSSS`, tree: "F kb:n(1234567S)"},
			walks: []string{"F v 4", "S ^ 4", "1 v S", "7 v S ^ 7", "4 ^ F"},
		},
		{
			name: "right to left: the first tile is on the right and Left moves along the row", source: "tenfoot, mirrored",
			sketch: sketch{mirror: true, draw: `
AAA BBB CCC

DDD EEE`, tree: "r1:rx(ABC) r2:rx(DE)"},
			walks: []string{"A < B < C", "A > A", "C v D < E ^ C"},
		},
		{
			name: "a button centred under a row: Up goes back to the item Down came from, else to the one over its middle", source: "tenfoot profile gate",
			sketch: sketch{draw: `
AA  BB  CC  DD

    MMMM`},
			walks: []string{"D v M ^ D", "A v M ^ A v M ^ A", "M ^ B", "D < C v M ^ C"},
		},
		{
			name: "what lies between comes first: Up from a row entered at its start is the row above it", source: "tenfoot on-screen keyboard",
			sketch: sketch{draw: `
FFFFFFFFFFFF

1  2  3  4

Q  W  E  R`, tree: "F kb:r=Q(1234QWER)"},
			walks: []string{"F v Q ^ 1 ^ F", "Q ^ 1 v Q"},
		},
		{
			name: "a container with a default is entered there when it remembers nothing", source: "LRUD data-focus; tenfoot menus",
			sketch: sketch{draw: `
AAA BBB CCC

DDD EEE FFF`, tree: "top:r=B(ABC) bottom:r(DEF)"},
			walks: []string{"F ^ B", "D ^ B", "D ^ B < A v D ^ A"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, path := range tt.walks {
				v := tt.sketch.view(t, path[:1])
				walk(t, v, path)
			}
		})
	}
}

// A focused node that vanishes hands focus to the next node of its container in
// reading order, the one that moves into its place, else the one before it; never
// to the screen's first. The next press moves on from there. (WICG
// search-origin-vanish-test; LRUD "last active child no longer exists"; issue rule 4.)
func TestVanishedFocus(t *testing.T) {
	tests := []struct {
		name          string
		before, after sketch
		start, want   string
		then          string // a walk from want
	}{
		{
			name:   "removed from a row: the tile that moves into its place",
			before: sketch{draw: "XXX\n\nAAA BBB CCC DDD", tree: "X r:rx(ABCD)"},
			after:  sketch{draw: "XXX\n\nAAA BBB DDD", tree: "X r:rx(ABD)"},
			start:  "C", want: "D", then: "D < B",
		},
		{
			name:   "the last of a row removed: the one before it",
			before: sketch{draw: "XXX\n\nAAA BBB CCC DDD", tree: "X r:rx(ABCD)"},
			after:  sketch{draw: "XXX\n\nAAA BBB CCC", tree: "X r:rx(ABC)"},
			start:  "D", want: "C", then: "C < B",
		},
		{
			name:   "disabled in place: the next one after it",
			before: sketch{draw: "XXX\n\nAAA BBB CCC DDD", tree: "X r:rx(A B C D)"},
			after:  sketch{draw: "XXX\n\nAAA BBB CCC DDD", tree: "X r:rx(A off:d(B) C D)"},
			start:  "B", want: "C", then: "C < A",
		},
		{
			name:   "filtered out of a list: the next that is left",
			before: sketch{draw: "XXX AAA\n    BBB\n    CCC\n    DDD\n    EEE", tree: "X l:ry(ABCDE)"},
			after:  sketch{draw: "XXX AAA\n    DDD\n    EEE", tree: "X l:ry(ADE)"},
			start:  "B", want: "D", then: "D ^ A",
		},
		{
			name:   "its whole container gone: the node nearest where it was",
			before: sketch{draw: "XXX\n\nAAA BBB\n\nCCC DDD", tree: "X r1:r(AB) r2:r(CD)"},
			after:  sketch{draw: "XXX\n\n\n\nCCC DDD", tree: "X r2:r(CD)"},
			start:  "B", want: "D", then: "D < C",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := tt.before.view(t, tt.start)
			v.SetRoot(tt.after.build(t))
			require.Equal(t, tt.want, v.FocusedKey())
			walk(t, v, tt.then)
			// And the second time: the same tree again keeps focus where it is.
			v.SetRoot(tt.after.build(t))
			assert.Equal(t, tt.then[len(tt.then)-1:], v.FocusedKey())
		})
	}
}

// A focused node disabled for a while, as Save is while it saves, hands focus on as
// a vanished one does, and gets it back once it is enabled, if focus was not moved
// meanwhile: the press after a failed save is Save again, not Cancel beside it.
func TestDisabledFocusComesBackWhenEnabled(t *testing.T) {
	enabled := sketch{draw: "XXX\n\nAAA BBB CCC DDD", tree: "X r:rx(A B C D)"}
	disabled := sketch{draw: enabled.draw, tree: "X r:rx(A off:d(B) C D)"}
	tests := []struct {
		name string
		walk string // while B is disabled
		want string
	}{
		{"focus left where it went: back to it", "", "B"},
		{"moved meanwhile: focus stays where it was moved", "C > D", "D"},
		{"moved and back: focus stays, it was moved", "C > D < C", "C"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := enabled.view(t, "B")
			for range 2 {
				v.SetRoot(disabled.build(t))
				require.Equal(t, "C", v.FocusedKey())
				v.SetRoot(disabled.build(t)) // rebuilt while it is disabled
				require.Equal(t, "C", v.FocusedKey())
				if tt.walk != "" {
					walk(t, v, tt.walk)
				}
				v.SetRoot(enabled.build(t))
				assert.Equal(t, tt.want, v.FocusedKey())
				v.SetRoot(enabled.build(t))
				assert.Equal(t, tt.want, v.FocusedKey(), "and stays there")
				require.True(t, v.Focus("B"))
			}
		})
	}
}

// Reaching an item scrolled out of view scrolls it fully into view, with the same
// easing as any scroll. (Issue rule 6.)
func TestReachingAnItemScrollsItFullyIntoView(t *testing.T) {
	s := sketch{screenW: 16, draw: "AAA BBB CCC DDD EEE FFF", tree: "r:rx(ABCDEF)"}
	v := s.view(t, "C")
	require.True(t, v.Move(DirRight))
	require.Equal(t, "D", v.FocusedKey())
	row := v.Root().Find("r")
	v.Tick()
	assert.Positive(t, row.ScrollX, "it scrolls")
	assert.False(t, v.ScrollSettled(), "with the easing, not at once")
	settle(v)
	d := v.Focused().ScreenRect()
	assert.LessOrEqual(t, d.MaxX(), v.Safe().MaxX(), "D is wholly in view")
	assert.GreaterOrEqual(t, d.X, v.Safe().X)
}
