package main

import (
	"archive/zip"
	"encoding/xml"
	"io"
	"net/url"
	"strings"
)

// Namespaces of a Tizen web app's config.xml.
const (
	widgetNS = "http://www.w3.org/ns/widgets"
	tizenNS  = "http://tizen.org/ns/widgets"
)

// Privileges tenfoot asks for: the remote's media and colour keys
// (tizen.tvinputdevice), and the network for its account service.
var tizenPrivileges = []string{
	"http://tizen.org/privilege/tv.inputdevice",
	"http://tizen.org/privilege/internet",
}

// Widget is a Tizen web app's config.xml (W3C widget packaging with Tizen's
// extensions). Its XML names are written out with their prefixes, as Tizen Studio
// writes them.
type Widget struct {
	XMLName    xml.Name `xml:"widget"`
	NS         string   `xml:"xmlns,attr"`
	TizenNS    string   `xml:"xmlns:tizen,attr"`
	ID         string   `xml:"id,attr"`
	Version    string   `xml:"version,attr"`
	ViewModes  string   `xml:"viewmodes,attr"`
	Name       string   `xml:"name"`
	Icon       srcElem  `xml:"icon"`
	Content    srcElem  `xml:"content"`
	Features   []named  `xml:"feature"`
	Access     []access `xml:"access"`
	Navigation []string `xml:"tizen:allow-navigation,omitempty"`
	// Application names the app: ID is the package ID, a dot and a name;
	// RequiredVersion is the oldest Tizen it installs on (2.3, 2015 TVs).
	Application struct {
		ID              string `xml:"id,attr"`
		Package         string `xml:"package,attr"`
		RequiredVersion string `xml:"required_version,attr"`
	} `xml:"tizen:application"`
	Profile    named   `xml:"tizen:profile"`
	Privileges []named `xml:"tizen:privilege"`
	Setting    struct {
		ScreenOrientation string `xml:"screen-orientation,attr"`
		ContextMenu       string `xml:"context-menu,attr"`
		BackgroundSupport string `xml:"background-support,attr"`
		Encryption        string `xml:"encryption,attr"`
		InstallLocation   string `xml:"install-location,attr"`
		HWKeyEvent        string `xml:"hwkey-event,attr"`
	} `xml:"tizen:setting"`
}

type srcElem struct {
	Src string `xml:"src,attr"`
}

type named struct {
	Name string `xml:"name,attr"`
}

type access struct {
	Origin     string `xml:"origin,attr"`
	Subdomains string `xml:"subdomains,attr"`
}

// widget returns the app's config.xml for a Samsung TV (profile tv-samsung).
func (a App) widget() Widget {
	w := Widget{NS: widgetNS, TizenNS: tizenNS, ID: "http://tenfoot.example/" + a.TizenPackage, Version: a.Version,
		ViewModes: "maximized", Name: a.Title, Icon: srcElem{"tizen-icon.png"}, Content: srcElem{"index.html"},
		Features: []named{{"http://tizen.org/feature/screen.size.all"}},
		Access:   []access{{Origin: "*", Subdomains: "true"}},
		Profile:  named{"tv-samsung"},
	}
	if a.URL != "" {
		if u, err := url.Parse(a.URL); err == nil {
			w.Navigation = []string{u.Host}
		}
	}
	w.Application.ID = a.TizenPackage + ".tenfoot"
	w.Application.Package = a.TizenPackage
	w.Application.RequiredVersion = "2.3"
	for _, p := range tizenPrivileges {
		w.Privileges = append(w.Privileges, named{p})
	}
	s := &w.Setting
	// Hidden, the app pauses (platform.js): it does not run in the background.
	s.ScreenOrientation, s.ContextMenu, s.BackgroundSupport = "landscape", "disable", "disable"
	s.Encryption, s.InstallLocation, s.HWKeyEvent = "disable", "auto", "enable"
	return w
}

// Tizen returns the Tizen app's folder: the app's files and config.xml.
func (a App) Tizen(files []File) ([]File, error) {
	body, err := xml.MarshalIndent(a.widget(), "", "  ")
	if err != nil {
		return nil, err
	}
	config := append([]byte(xml.Header), body...)
	return append(only(files, "icon.png", "largeIcon.png"), File{"config.xml", append(config, '\n')}), nil
}

// writeWGT writes a Tizen widget: a zip of the app's folder. It is unsigned: the
// Tizen tools add author-signature.xml and signature1.xml with the developer's
// certificate, without which a TV refuses it.
func writeWGT(w io.Writer, files []File) error {
	zw := zip.NewWriter(w)
	for _, f := range files {
		method := zip.Deflate
		if strings.HasSuffix(f.Name, ".png") { // already compressed
			method = zip.Store
		}
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: method, Modified: epoch})
		if err != nil {
			return err
		}
		if _, err := fw.Write(f.Data); err != nil {
			return err
		}
	}
	return zw.Close()
}
