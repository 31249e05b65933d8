package tenfoot_test

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mayImport is the map of the project, as DESIGN.md draws it: each of our packages
// (named without the module's "tenfoot/"), and the packages of ours it may import.
// An arrow not in the table fails TestImportsFollowTheMap, which names it; so does
// a package with no row. Adding a package is adding its row; adding an arrow is a
// change of design, to be made in DESIGN.md too. Only the packages' own code is
// checked, natively and under GOOS=js: tests may import more (app's tests sign in
// to demo's household).
var mayImport = map[string][]string{
	// The pure core: no Ebitengine (TestPurePackagesDoNotDependOnEbitengine).
	"session": {},
	"input":   {},
	"ui":      {},
	"kiosk":   {"i18n"},
	"i18n":    {},
	"catalog": {"session"},
	"screens": {"catalog", "i18n", "input", "kiosk", "session", "ui"},
	"app":     {"catalog", "i18n", "input", "kiosk", "screens", "session", "ui"},
	// The demo: imported by the hosts, tenfootd and tests only, never by the core.
	"demo": {"catalog", "session"},

	// The account service's stores.
	"session/sqlstore":        {"session"},
	"session/sqlstore/pgtest": {},
	"session/storetest":       {"demo", "session"},

	// Ebitengine's side.
	"assets":          {},
	"input/ebitensrc": {"input"},
	"game":            {"app", "assets", "i18n", "input", "input/ebitensrc", "ui"},

	// The hosts and commands.
	"wasm":             {"app", "demo", "game", "i18n", "input", "kiosk", "session", "ui"},
	"wasm/precompress": {},
	"wasm/bare":        {},
	"wasm/bare/rect":   {"wasm/bare"},
	"wasm/bare/text":   {"wasm/bare"},
	"wasm/bare/keys":   {"wasm/bare"},
	"wasm/tvpackage":   {"assets", "kiosk"},
	"cmd/tenfoot":      {"app", "demo", "game", "i18n", "input", "kiosk", "session", "ui", "wasm"},
	"cmd/tenfootd":     {"demo", "i18n", "kiosk", "session", "session/sqlstore"},
	"cmd/tenfootload":  {"demo", "session"},

	// Helpers for tests, and the module's root, which holds only this test.
	"internal/testkit": {},
	"":                 {},
}

const module = "tenfoot"

func TestImportsFollowTheMap(t *testing.T) {
	readsTheSources(t)
	seen := map[string]bool{}
	for _, goos := range []string{"", "js"} {
		for pkg, imports := range ourImports(t, goos) {
			seen[pkg] = true
			allowed, ok := mayImport[pkg]
			if !ok {
				t.Errorf("%s has no row in mayImport (architecture_test.go): add one listing the packages of ours it may import", show(pkg))
				continue
			}
			for _, imp := range imports {
				if !slices.Contains(allowed, imp) {
					t.Errorf("%s imports %s%s: that arrow is not on the map; %s may import only %s",
						show(pkg), show(imp), under(goos), show(pkg), list(allowed))
				}
			}
		}
	}
	for pkg := range mayImport {
		assert.True(t, seen[pkg], "mayImport has a row for %s, which does not exist: remove it", show(pkg))
	}
}

// ourImports returns each of our packages, built for goos ("" is this machine's),
// with the packages of ours its own code imports, both named without the module.
func ourImports(t *testing.T, goos string) map[string][]string {
	t.Helper()
	cmd := exec.Command("go", "list", "-e", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, "./...")
	if goos == "js" {
		cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	}
	out, err := cmd.Output()
	require.NoError(t, err)
	pkgs := map[string][]string{}
	for line := range strings.Lines(string(out)) {
		fields := strings.Fields(line)
		var ours []string
		for _, imp := range fields[1:] {
			if name, ok := ourName(imp); ok {
				ours = append(ours, name)
			}
		}
		name, _ := ourName(fields[0])
		pkgs[name] = ours
	}
	require.NotEmpty(t, pkgs)
	return pkgs
}

// readsTheSources looks at every Go file of the module, so that go test, which
// cannot see what the go list it runs reads, knows this test's result depends on
// them: without it, an import added since was answered "ok" from the test cache.
func readsTheSources(t *testing.T) {
	t.Helper()
	require.NoError(t, filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && path != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "build" || d.Name() == "node_modules"):
			return filepath.SkipDir
		case !d.IsDir() && strings.HasSuffix(path, ".go"):
			_, err = os.Stat(path) // the test cache takes what a test stats as its input
		}
		return err
	}))
}

// ourName returns the name of one of our packages without the module, "" for
// the module's root, and false for a package not ours.
func ourName(pkg string) (string, bool) {
	if pkg == module {
		return "", true
	}
	name, ok := strings.CutPrefix(pkg, module+"/")
	return name, ok
}

func show(name string) string {
	if name == "" {
		return "the module's root"
	}
	return name
}

func list(names []string) string {
	if len(names) == 0 {
		return "none of ours"
	}
	return strings.Join(names, ", ")
}

func under(goos string) string {
	if goos == "" {
		return ""
	}
	return " (under GOOS=" + goos + ")"
}

// The packages that must run anywhere Go runs: in `go test` with no display and under
// GOOS=js with Node. They may not depend on Ebitengine, directly or not. input is pure
// but its subpackage ebitensrc is where Ebitengine's devices are read.
var (
	pureTrees    = []string{"tenfoot/i18n", "tenfoot/session", "tenfoot/ui", "tenfoot/screens", "tenfoot/app", "tenfoot/kiosk", "tenfoot/catalog", "tenfoot/demo"}
	purePackages = []string{"tenfoot/input"}
)

func TestPurePackagesDoNotDependOnEbitengine(t *testing.T) {
	out, err := exec.Command("go", "list", "./...").Output()
	require.NoError(t, err)
	checked := 0
	for _, pkg := range strings.Fields(string(out)) {
		if !isPure(pkg) {
			continue
		}
		deps, err := exec.Command("go", "list", "-deps", pkg).Output()
		require.NoError(t, err)
		for _, dep := range strings.Fields(string(deps)) {
			if strings.HasPrefix(dep, "github.com/hajimehoshi/ebiten") {
				t.Errorf("%s depends on %s; pure packages must not touch Ebitengine", pkg, dep)
				break
			}
		}
		checked++
	}
	assert.GreaterOrEqual(t, checked, 3, "the pure packages were found")
}

func isPure(pkg string) bool {
	for _, p := range pureTrees {
		if pkg == p || strings.HasPrefix(pkg, p+"/") {
			return true
		}
	}
	for _, p := range purePackages {
		if pkg == p {
			return true
		}
	}
	return false
}
