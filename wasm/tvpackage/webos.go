package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"time"
)

// AppInfo is a webOS app's appinfo.json: the fields LG's reference marks required (id,
// title, type, main, icon, version) and those tenfoot needs.
type AppInfo struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Type      string `json:"type"`
	Main      string `json:"main"`
	Icon      string `json:"icon"`
	LargeIcon string `json:"largeIcon"`
	Version   string `json:"version"`
	Vendor    string `json:"vendor"`
	// Description is the tagline under the title in the launcher.
	Description string `json:"appDescription"`
	Resolution  string `json:"resolution"`
	BgColor     string `json:"bgColor"`
	// DisableBackHistoryAPI makes the remote's Back a key the app hears (461), not a
	// history.back() of the page: the app has screens to go back through, and on the
	// first one it asks "Exit tenfoot?" and leaves with webOS.platformBack().
	DisableBackHistoryAPI bool `json:"disableBackHistoryAPI"`
	// HandlesRelaunch is false: webOS brings the app to the front on a relaunch
	// itself, and platform.js resumes it on webOSRelaunch.
	HandlesRelaunch bool `json:"handlesRelaunch"`
	// RequiredMemory, in MB, is what the app may use. After the TV tier's walk the
	// page holds 26–41 MB of WebAssembly memory and 23–44 MB of JavaScript heap, and
	// a language's font adds up to 4 MB: 300 leaves room for a long session.
	RequiredMemory int `json:"requiredMemory"`
}

// appInfo returns the app's appinfo.json.
func (a App) appInfo() AppInfo {
	return AppInfo{
		ID: a.ID, Title: a.Title, Type: "web", Main: "index.html", Icon: "icon.png", LargeIcon: "largeIcon.png",
		Version: a.Version, Vendor: a.Vendor, Description: "Sign in and out of your household's account on a shared TV",
		Resolution: "1920x1080", BgColor: "#0e1015", DisableBackHistoryAPI: true, RequiredMemory: 300,
	}
}

// WebOS returns the webOS app's folder: the app's files and appinfo.json.
func (a App) WebOS(files []File) ([]File, error) {
	info, err := json.MarshalIndent(a.appInfo(), "", "  ")
	if err != nil {
		return nil, err
	}
	return append(only(files, "tizen-icon.png"), File{"appinfo.json", append(info, '\n')}), nil
}

// packageInfo is usr/palm/packages/ID/packageinfo.json, which ares-package writes
// beside the app to say which apps the package holds.
type packageInfo struct {
	App           string `json:"app"`
	ID            string `json:"id"`
	LocName       string `json:"loc_name"`
	PackageFormat int    `json:"package_format_version"`
	Vendor        string `json:"vendor"`
	Version       string `json:"version"`
}

// writeIPK writes the webOS package: an ar archive of debian-binary,
// control.tar.gz and data.tar.gz, with the app under usr/palm/applications/ID, as
// ares-package makes it and ares-install takes it.
func writeIPK(w io.Writer, a App, files []File) error {
	appDir := "usr/palm/applications/" + a.ID + "/"
	pkgInfo, err := json.MarshalIndent(packageInfo{App: a.ID, ID: a.ID, LocName: a.Title, PackageFormat: 2,
		Vendor: a.Vendor, Version: a.Version}, "", "  ")
	if err != nil {
		return err
	}
	data := []File{{"usr/palm/packages/" + a.ID + "/packageinfo.json", append(pkgInfo, '\n')}}
	size := 0
	for _, f := range files {
		data = append(data, File{appDir + f.Name, f.Data})
		size += len(f.Data)
	}
	dataTar, err := tarGz(data)
	if err != nil {
		return err
	}
	control := fmt.Sprintf("Package: %s\nVersion: %s\nSection: misc\nPriority: optional\nArchitecture: all\n"+
		"Installed-Size: %d\nMaintainer: %s\nDescription: %s\nwebOS-Package-Format-Version: 2\nwebOS-Packager-Version: x.y.x\n",
		a.ID, a.Version, (size+1023)/1024, a.Vendor, a.Title)
	controlTar, err := tarGz([]File{{"control", []byte(control)}})
	if err != nil {
		return err
	}
	return writeAr(w, []File{{"debian-binary", []byte("2.0\n")}, {"control.tar.gz", controlTar}, {"data.tar.gz", dataTar}})
}

// epoch dates every file of a package, so that the same build packs to the same bytes.
var epoch = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)

// tarGz packs files, with a "./" before each name and their folders before them, as
// GNU tar does for "tar -C dir -czf - .", owned by root.
func tarGz(files []File) ([]byte, error) {
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	dirs := map[string]bool{}
	for _, f := range files {
		var parents []string
		for d := path.Dir(f.Name); d != "." && !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
			parents = append(parents, d)
		}
		for i := len(parents) - 1; i >= 0; i-- {
			if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: "./" + parents[i] + "/", Mode: 0o755,
				ModTime: epoch, Format: tar.FormatGNU}); err != nil {
				return nil, err
			}
		}
		if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeReg, Name: "./" + f.Name, Mode: 0o644,
			Size: int64(len(f.Data)), ModTime: epoch, Format: tar.FormatGNU}); err != nil {
			return nil, err
		}
		if _, err := tw.Write(f.Data); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	if err := gz.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeAr writes a common ar archive, the container of .deb and .ipk files: the
// magic line, then per member a 60-byte header and its data, padded to even length.
func writeAr(w io.Writer, members []File) error {
	if _, err := io.WriteString(w, "!<arch>\n"); err != nil {
		return err
	}
	for _, m := range members {
		if len(m.Name) > 16 || strings.ContainsAny(m.Name, " /") {
			return fmt.Errorf("ar: member name %q does not fit", m.Name)
		}
		hdr := fmt.Sprintf("%-16s%-12s%-6s%-6s%-8s%-10s`\n", m.Name, strconv.FormatInt(epoch.Unix(), 10), "0", "0", "100644",
			strconv.Itoa(len(m.Data)))
		if _, err := io.WriteString(w, hdr); err != nil {
			return err
		}
		if _, err := w.Write(m.Data); err != nil {
			return err
		}
		if len(m.Data)%2 == 1 {
			if _, err := io.WriteString(w, "\n"); err != nil {
				return err
			}
		}
	}
	return nil
}
