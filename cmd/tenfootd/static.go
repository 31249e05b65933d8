package main

import (
	"cmp"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"

	"tenfoot/kiosk"
)

// variant is a content coding that may be stored precompressed next to a
// file.
type variant struct {
	coding string // the Content-Encoding token
	ext    string // the suffix of the stored file
}

// precompressed lists the variants looked for, most preferred first: brotli
// is about 30% smaller than gzip for wasm and every browser that runs wasm
// decodes it.
var precompressed = []variant{
	{"br", ".br"},
	{"gzip", ".gz"},
}

// staticHandler serves the browser build from dir. It never lists
// directories, never leaves dir (not even through symbolic links), and picks
// a precompressed variant of a file when the client accepts its coding, so
// that the large .wasm goes over the wire at a sixth of its size without
// compressing on every request.
type staticHandler struct {
	dir string
	log *slog.Logger
}

func (h staticHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// The response depends on Accept-Encoding whenever a variant could
	// exist, so caches must key on it, including for errors.
	w.Header().Add("Vary", "Accept-Encoding")

	name, ok := fileName(r.URL.Path)
	if !ok {
		http.NotFound(w, r)
		return
	}
	f, fi, err := openRegular(h.dir, name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	if path.Base(name) == kioskConfigName && !h.kioskConfigServable(w, f) {
		return
	}

	served, servedInfo, coding := f, fi, ""
	for _, c := range preferredCodings(r.Header.Get("Accept-Encoding")) {
		vf, vfi, err := openRegular(h.dir, name+c.ext)
		if err != nil {
			continue
		}
		// A variant older than its source is stale (the build was redone
		// but not recompressed): serving it would run an old app.
		if vfi.ModTime().Before(fi.ModTime()) {
			vf.Close()
			continue
		}
		defer vf.Close()
		served, servedInfo, coding = vf, vfi, c.coding
		break
	}

	hdr := w.Header()
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		// Never let the type be sniffed from compressed bytes.
		ctype = "application/octet-stream"
	}
	hdr.Set("Content-Type", ctype)
	hdr.Set("X-Content-Type-Options", "nosniff")
	if strings.HasPrefix(ctype, "text/html") {
		setPageHeaders(hdr, r.UserAgent())
	}
	if coding != "" {
		hdr.Set("Content-Encoding", coding)
	}
	if path.Ext(name) == ".wasm" {
		// Content-Length is the compressed size; the loader needs the
		// decoded size to show real progress while it counts decoded bytes.
		hdr.Set("X-Decoded-Length", strconv.FormatInt(fi.Size(), 10))
	}
	// The names of the build are not content-hashed, so a browser must
	// revalidate every file on every load; the ETag makes that a cheap 304.
	hdr.Set("Cache-Control", "no-cache")
	hdr.Set("ETag", etag(servedInfo, coding))

	if coding != "" {
		w = lengthWriter{ResponseWriter: w, size: servedInfo.Size()}
	}
	http.ServeContent(w, r, name, servedInfo.ModTime(), served)
}

// kioskConfigName is the file a kiosk in a browser fetches from beside its page.
const kioskConfigName = "kiosk.json"

// maxKioskConfig is more than any kiosk config needs.
const maxKioskConfig = 64 << 10

// kioskConfigServable reports whether the kiosk config f may be served, and
// otherwise answers 403 with why. Whoever can open the page can fetch the file,
// a guest's phone on the hotel's network as well as its TVs, so a file that names
// the staff PIN is handed to nobody: the PIN would be no secret. Its compressed
// copies are never read either.
func (h staticHandler) kioskConfigServable(w http.ResponseWriter, f *os.File) bool {
	data, err := io.ReadAll(io.LimitReader(f, maxKioskConfig))
	if err == nil {
		_, err = f.Seek(0, io.SeekStart)
	}
	if err == nil && !kiosk.NamesPIN(data) {
		return true
	}
	reason := "cannot be read"
	if err == nil {
		reason = kiosk.ServedPINError(kioskConfigName).Error()
		h.log.Warn("not serving "+kioskConfigName+": it names the staff PIN", "key", kiosk.KeyOperatorPIN)
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusForbidden)
	io.WriteString(w, reason)
	return false
}

// lengthWriter declares the length of a precompressed body on a full (200)
// response. http.ServeContent leaves Content-Length out whenever
// Content-Encoding is set, to protect handlers that compress on the fly; our
// variants are stored whole, and without a length the large .wasm would go
// out chunked, with nothing for download tools to show.
type lengthWriter struct {
	http.ResponseWriter
	size int64
}

func (w lengthWriter) WriteHeader(code int) {
	if code == http.StatusOK && w.Header().Get("Content-Length") == "" {
		w.Header().Set("Content-Length", strconv.FormatInt(w.size, 10))
	}
	w.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w lengthWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// fileName maps a URL path to a slash-separated name relative to the web
// directory. It reports false for names that must not be served: directory
// paths (no listings) and hidden files.
func fileName(urlPath string) (string, bool) {
	if urlPath == "/" || urlPath == "" {
		return "index.html", true
	}
	if strings.HasSuffix(urlPath, "/") {
		return "", false
	}
	name := strings.TrimPrefix(path.Clean("/"+urlPath), "/")
	if name == "" {
		return "", false
	}
	for seg := range strings.SplitSeq(name, "/") {
		if strings.HasPrefix(seg, ".") {
			return "", false
		}
	}
	return name, true
}

// openRegular opens name inside dir, refusing anything that is not a regular
// file or that resolves to a place outside dir.
func openRegular(dir, name string) (*os.File, os.FileInfo, error) {
	f, err := os.OpenInRoot(dir, name)
	if err != nil {
		return nil, nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, nil, fmt.Errorf("%s: not a regular file", name)
	}
	return f, fi, nil
}

// etag is a strong validator for one stored representation: each coding of
// a file has its own bytes, so each gets its own tag.
func etag(fi os.FileInfo, coding string) string {
	tag := strconv.FormatInt(fi.ModTime().UnixNano(), 36) + "-" + strconv.FormatInt(fi.Size(), 36)
	if coding != "" {
		tag += "-" + coding
	}
	return `"` + tag + `"`
}

// preferredCodings returns the precompressed codings that an Accept-Encoding
// header allows, best first: by the client's q-value, ties broken by our
// own preference. A coding with q=0, or not named and not covered by "*",
// is left out.
func preferredCodings(accept string) []variant {
	q := parseAcceptEncoding(accept)
	weight := make(map[string]float64)
	var out []variant
	for _, v := range precompressed {
		w, ok := q[v.coding]
		if !ok && v.coding == "gzip" {
			w, ok = q["x-gzip"]
		}
		if !ok {
			w, ok = q["*"]
		}
		if ok && w > 0 {
			weight[v.coding] = w
			out = append(out, v)
		}
	}
	// A stable sort keeps equal q-values in our order of preference.
	slices.SortStableFunc(out, func(a, b variant) int {
		return cmp.Compare(weight[b.coding], weight[a.coding])
	})
	return out
}

// parseAcceptEncoding maps each lower-cased coding of an Accept-Encoding
// header to its q-value (RFC 9110, section 12.5.3). A malformed q-value
// counts as 0 so that a garbled header never selects an encoding.
func parseAcceptEncoding(header string) map[string]float64 {
	q := make(map[string]float64)
	for part := range strings.SplitSeq(header, ",") {
		coding, params, _ := strings.Cut(part, ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		if coding == "" {
			continue
		}
		v := 1.0
		for p := range strings.SplitSeq(params, ";") {
			k, val, found := strings.Cut(strings.TrimSpace(p), "=")
			if !found || !strings.EqualFold(strings.TrimSpace(k), "q") {
				continue
			}
			f, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
			if err != nil || f < 0 || f > 1 {
				f = 0
			}
			v = f
		}
		q[coding] = v
	}
	return q
}
