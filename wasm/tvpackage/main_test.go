package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"encoding/xml"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// webBuild makes a browser build with every file a package takes.
func webBuild(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range buildFiles {
		body := "/* " + name + " */"
		if name == "index.html" {
			body = "<!doctype html>\n<html lang=\"en\">\n<body></body>\n</html>\n"
		}
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644))
	}
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "fonts"), 0o755))
	for _, name := range []string{"ar-regular.ttf", "ar-regular.ttf.br", "ja-regular.otf"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, "fonts", name), []byte(name), 0o644))
	}
	return dir
}

// pack runs the command and returns the folder it wrote.
func pack(t *testing.T, web string, args ...string) string {
	t.Helper()
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	require.NoError(t, run(append([]string{"-web", web, "-out", out}, args...), &stdout, &stderr), stderr.String())
	return out
}

// readAr reads an ar archive's members in order, checking each header as ar(5) lays
// it out.
func readAr(t *testing.T, data []byte) []File {
	t.Helper()
	require.True(t, bytes.HasPrefix(data, []byte("!<arch>\n")), "the ar magic")
	data = data[8:]
	var members []File
	for len(data) > 0 {
		require.GreaterOrEqual(t, len(data), 60)
		hdr := string(data[:60])
		require.Equal(t, "`\n", hdr[58:60], "header %q ends with its magic", hdr)
		size, err := strconv.Atoi(strings.TrimSpace(hdr[48:58]))
		require.NoError(t, err)
		members = append(members, File{strings.TrimSpace(hdr[:16]), data[60 : 60+size]})
		data = data[60+size+size%2:]
	}
	return members
}

// readTarGz reads a .tar.gz into names and contents.
func readTarGz(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	gz, err := gzip.NewReader(bytes.NewReader(data))
	require.NoError(t, err)
	tr := tar.NewReader(gz)
	files := map[string][]byte{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return files
		}
		require.NoError(t, err)
		body, err := io.ReadAll(tr)
		require.NoError(t, err)
		assert.Equal(t, 0, h.Uid, "%s is root's", h.Name)
		files[h.Name] = body
	}
}

// The webOS package is what ares-package makes: an ar of debian-binary, control and
// data, with the app under usr/palm/applications and an appinfo.json that has every
// field LG's reference requires, and the Back key as an app key.
func TestWebOSPackage(t *testing.T) {
	out := pack(t, webBuild(t))
	data, err := os.ReadFile(filepath.Join(out, "org.tenfoot.tv_0.1.0_all.ipk"))
	require.NoError(t, err)
	members := readAr(t, data)
	require.Len(t, members, 3)
	assert.Equal(t, []string{"debian-binary", "control.tar.gz", "data.tar.gz"},
		[]string{members[0].Name, members[1].Name, members[2].Name}, "the order dpkg and opkg expect")
	assert.Equal(t, "2.0\n", string(members[0].Data))

	control := string(readTarGz(t, members[1].Data)["./control"])
	for _, field := range []string{"Package: org.tenfoot.tv\n", "Version: 0.1.0\n", "Architecture: all\n",
		"webOS-Package-Format-Version: 2\n"} {
		assert.Contains(t, control, field)
	}

	app := readTarGz(t, members[2].Data)
	const dir = "./usr/palm/applications/org.tenfoot.tv/"
	for _, name := range append(buildFiles, "appinfo.json", "icon.png", "largeIcon.png") {
		assert.Contains(t, app, dir+name)
	}
	assert.NotContains(t, app, dir+"config.xml")
	assert.Contains(t, app, dir+"fonts/ar-regular.ttf", "the languages' fonts, for a TV with no server")
	assert.Contains(t, app, dir+"fonts/ja-regular.otf")
	assert.NotContains(t, app, dir+"fonts/ar-regular.ttf.br", "compressed copies are for servers")
	assert.Contains(t, app, "./usr/palm/packages/org.tenfoot.tv/packageinfo.json")

	var info map[string]any
	require.NoError(t, json.Unmarshal(app[dir+"appinfo.json"], &info))
	for _, field := range []string{"id", "title", "type", "main", "icon", "largeIcon", "version", "vendor"} {
		assert.NotEmpty(t, info[field], "appinfo.json's %s, which LG's reference requires", field)
	}
	assert.Equal(t, "web", info["type"])
	assert.Equal(t, true, info["disableBackHistoryAPI"], "Back reaches the app as key 461, not history.back()")
	for field, size := range map[string]int{"icon": 80, "largeIcon": 130} {
		img, err := png.Decode(bytes.NewReader(app[dir+info[field].(string)]))
		require.NoError(t, err, field)
		assert.Equal(t, size, img.Bounds().Dx(), field)
		assert.Equal(t, size, img.Bounds().Dy(), field)
	}
	_, err = os.Stat(filepath.Join(out, "webos", "appinfo.json"))
	assert.NoError(t, err, "the app's folder is there too, for ares-package")
}

// The Tizen package is a widget: a zip with config.xml at its root that names a TV
// profile, the privileges for the remote's keys and the network, an application ID of
// the package ID and a name, and the app's start page and icon.
func TestTizenPackage(t *testing.T) {
	out := pack(t, webBuild(t))
	zr, err := zip.OpenReader(filepath.Join(out, "tenfoot.wgt"))
	require.NoError(t, err)
	defer zr.Close()
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		files[f.Name], err = io.ReadAll(rc)
		require.NoError(t, err)
		rc.Close()
	}
	for _, name := range append(buildFiles, "config.xml", "tizen-icon.png") {
		assert.Contains(t, files, name)
	}
	assert.NotContains(t, files, "author-signature.xml", "unsigned: the developer signs it")

	var w struct {
		XMLName xml.Name
		ID      string `xml:"id,attr"`
		Version string `xml:"version,attr"`
		Name    string `xml:"name"`
		Icon    struct {
			Src string `xml:"src,attr"`
		} `xml:"icon"`
		Content struct {
			Src string `xml:"src,attr"`
		} `xml:"content"`
		App struct {
			ID      string `xml:"id,attr"`
			Package string `xml:"package,attr"`
			Version string `xml:"required_version,attr"`
		} `xml:"http://tizen.org/ns/widgets application"`
		Profile struct {
			Name string `xml:"name,attr"`
		} `xml:"http://tizen.org/ns/widgets profile"`
		Privileges []struct {
			Name string `xml:"name,attr"`
		} `xml:"http://tizen.org/ns/widgets privilege"`
	}
	require.NoError(t, xml.Unmarshal(files["config.xml"], &w))
	assert.Equal(t, xml.Name{Space: "http://www.w3.org/ns/widgets", Local: "widget"}, w.XMLName)
	assert.NotEmpty(t, w.ID)
	assert.Equal(t, "0.1.0", w.Version)
	assert.Equal(t, "tenfoot", w.Name)
	assert.Equal(t, "index.html", w.Content.Src)
	assert.Contains(t, files, w.Icon.Src)
	assert.Equal(t, "tv-samsung", w.Profile.Name)
	assert.Equal(t, "TenfootTV1", w.App.Package)
	assert.Equal(t, "TenfootTV1.tenfoot", w.App.ID, "the package ID, a dot and a name")
	assert.NotEmpty(t, w.App.Version)
	var privileges []string
	for _, p := range w.Privileges {
		privileges = append(privileges, p.Name)
	}
	assert.Contains(t, privileges, "http://tizen.org/privilege/tv.inputdevice", "for registerKey")
	assert.Contains(t, privileges, "http://tizen.org/privilege/internet")
}

// A kiosk package carries its kiosk.json and marks its page, so that it starts as
// a kiosk with no query in the start URL; a hosted one opens its tenfootd.
func TestKioskAndHostedPackages(t *testing.T) {
	web := webBuild(t)
	cfg := filepath.Join(t.TempDir(), "kiosk.json")
	require.NoError(t, os.WriteFile(cfg, []byte(`{"idleTimeout": "30m", "deviceName": "Room 214"}`), 0o644))
	out := pack(t, web, "-kiosk", cfg)
	for _, dir := range []string{"webos", "tizen"} {
		page, err := os.ReadFile(filepath.Join(out, dir, "index.html"))
		require.NoError(t, err)
		assert.Contains(t, string(page), `<html lang="en" data-kiosk>`, dir)
		got, err := os.ReadFile(filepath.Join(out, dir, "kiosk.json"))
		require.NoError(t, err)
		assert.JSONEq(t, `{"idleTimeout": "30m", "deviceName": "Room 214"}`, string(got))
	}

	out = pack(t, web, "-url", "https://tv.example.com/?kiosk")
	page, err := os.ReadFile(filepath.Join(out, "webos", "index.html"))
	require.NoError(t, err)
	assert.Contains(t, string(page), `window.location.replace("https://tv.example.com/?kiosk")`)
	assert.Contains(t, string(page), `<script src="platform.js">`, "the remote's keys are registered first")
	_, err = os.Stat(filepath.Join(out, "webos", "tenfoot.wasm"))
	assert.ErrorIs(t, err, os.ErrNotExist, "a hosted app holds no build")
	config, err := os.ReadFile(filepath.Join(out, "tizen", "config.xml"))
	require.NoError(t, err)
	assert.Contains(t, string(config), "<tizen:allow-navigation>tv.example.com</tizen:allow-navigation>")
}

// What the vendors' tools would refuse is refused here, with the reason.
func TestRefusedOptions(t *testing.T) {
	web := webBuild(t)
	badKiosk := filepath.Join(t.TempDir(), "kiosk.json")
	require.NoError(t, os.WriteFile(badKiosk, []byte(`{"server": "https://elsewhere.example"}`), 0o644))
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"an ID webOS reserves", []string{"-id", "com.lge.tenfoot"}, "webOS reserves com.lge"},
		{"an ID in upper case", []string{"-id", "Org.Tenfoot"}, "reverse domain"},
		{"a Tizen package ID of 9", []string{"-tizen-package", "Tenfoot12"}, "10 letters and digits"},
		{"a version with a suffix", []string{"-version", "1.0.0-dev"}, "MAJOR.MINOR.PATCH"},
		{"a kiosk on another server", []string{"-kiosk", badKiosk}, "remove the key server"},
		{"not an address", []string{"-url", "tv.example.com"}, "address of a tenfootd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(append([]string{"-web", web, "-out", t.TempDir()}, tt.args...), &stdout, &stderr)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}

	require.NoError(t, os.Remove(filepath.Join(web, "tenfoot-mvp.wasm")))
	err := run([]string{"-web", web, "-out", t.TempDir()}, io.Discard, io.Discard)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "make web-tv", "a package without the build for older TVs is not made")
}

// The same build packs to the same bytes.
func TestPackagesAreReproducible(t *testing.T) {
	web := webBuild(t)
	a, b := pack(t, web), pack(t, web)
	for _, name := range []string{"org.tenfoot.tv_0.1.0_all.ipk", "tenfoot.wgt"} {
		x, err := os.ReadFile(filepath.Join(a, name))
		require.NoError(t, err)
		y, err := os.ReadFile(filepath.Join(b, name))
		require.NoError(t, err)
		assert.True(t, bytes.Equal(x, y), name)
	}
}
