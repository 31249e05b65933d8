// Command precompress writes a gzip (FILE.gz) and a brotli (FILE.br) copy
// next to every .wasm, .js, .html and .css file of a directory tree, so that
// tenfootd can serve the browser build compressed without compressing on
// each request.
//
// Usage:
//
//	go run ./wasm/precompress [-q quality] [-only br|gz] [-cache DIR] DIR
//
// A copy is made again only when its source is newer; a copy that would not
// be smaller than its source is not kept. With -cache, each copy is also kept
// under the hash of its source's content, and a source seen before is not
// compressed again: a second `make run` of the same build compresses nothing.
// -only makes one kind of copy, so that `make run` can serve the quick gzip
// copies while the slow brotli ones are made in the background. Each copy is written to a
// temporary file and renamed into place, so a server never sees half of one,
// and it takes its source's modification time, so that the server can tell a
// stale copy from a fresh one. Interrupted (Ctrl-C on `make run`, which makes the
// brotli copies in the background) or stopped with SIGTERM, it removes the
// temporary files it was writing before it exits.
package main

import (
	"cmp"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/andybalholm/brotli"
)

// compressible lists the extensions worth compressing: text, and wasm,
// which shrinks to a sixth with brotli.
var compressible = map[string]bool{".wasm": true, ".js": true, ".html": true, ".css": true}

// brotliWindow is the largest window that browsers decode (16 MiB); a Go
// wasm binary is larger than that, so every bit of window helps.
const brotliWindow = 24

// defaultQuality is brotli's best. On two cores it takes about a minute for
// a 19 MB .wasm and makes it 14% smaller than quality 9 (8 s); see -q.
const defaultQuality = 11

func main() {
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		sig := <-signals
		temps.removeAll()
		fmt.Fprintln(os.Stderr, "precompress:", sig)
		os.Exit(1)
	}()
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "precompress:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("precompress", flag.ContinueOnError)
	flags.SetOutput(stderr)
	quality := flags.Int("q", defaultQuality, "brotli `quality` (0-11); lower is faster and larger")
	only := flags.String("only", "", "make only the `kind` of copy named: br or gz (default: both)")
	cache := flags.String("cache", "", "`directory` keeping each copy under its source's content hash, to reuse (default: none)")
	flags.Usage = func() {
		fmt.Fprintln(stderr, "usage: precompress [-q quality] [-only br|gz] [-cache DIR] DIR")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if flags.NArg() != 1 {
		flags.Usage()
		return errors.New("want exactly one directory")
	}
	if *quality < brotli.BestSpeed || *quality > brotli.BestCompression {
		return fmt.Errorf("brotli quality %d out of range 0-11", *quality)
	}
	cs := coders(*quality)
	if *only != "" {
		cs = slices.DeleteFunc(cs, func(c coder) bool { return c.ext != "."+*only })
		if len(cs) == 0 {
			return fmt.Errorf("-only %q: want br or gz", *only)
		}
	}
	if *cache != "" {
		if err := os.MkdirAll(*cache, 0o755); err != nil {
			return err
		}
	}
	start := time.Now()
	results, err := precompressDir(flags.Arg(0), cs, *cache)
	for _, r := range results {
		fmt.Fprintln(stdout, r)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "precompress: %d files in %.1fs\n", len(results), time.Since(start).Seconds())
	return nil
}

// coder makes one kind of compressed copy.
type coder struct {
	ext string
	// settings names what else decides the copy's bytes, for the cache.
	settings string
	compress func(dst io.Writer, src io.Reader) error
}

func coders(quality int) []coder {
	return []coder{
		{".br", fmt.Sprintf("q%d-w%d", quality, brotliWindow), func(dst io.Writer, src io.Reader) error {
			w := brotli.NewWriterOptions(dst, brotli.WriterOptions{Quality: quality, LGWin: brotliWindow})
			if _, err := io.Copy(w, src); err != nil {
				return err
			}
			return w.Close()
		}},
		{".gz", "best", func(dst io.Writer, src io.Reader) error {
			w, err := gzip.NewWriterLevel(dst, gzip.BestCompression)
			if err != nil {
				return err
			}
			if _, err := io.Copy(w, src); err != nil {
				return err
			}
			return w.Close()
		}},
	}
}

// variant is the outcome for one compressed copy.
type variant struct {
	ext     string
	size    int64         // bytes of the copy; 0 when not kept
	elapsed time.Duration // 0 when the copy was fresh already
	kept    bool          // a copy exists after the run
	cached  bool          // taken from the cache rather than compressed
}

// result is the outcome for one source file.
type result struct {
	name     string
	size     int64
	variants []variant
}

// String reads like "tenfoot.wasm 19175618 br 3137209 (16.4%, 59.2s) gz 4481628 (23.4%, 1.6s)".
func (r result) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %d", r.name, r.size)
	for _, v := range r.variants {
		fmt.Fprintf(&b, " %s ", strings.TrimPrefix(v.ext, "."))
		switch {
		case !v.kept:
			b.WriteString("not smaller, skipped")
		case v.elapsed == 0:
			fmt.Fprintf(&b, "%d (%.1f%%, up to date)", v.size, percent(v.size, r.size))
		case v.cached:
			fmt.Fprintf(&b, "%d (%.1f%%, from the cache)", v.size, percent(v.size, r.size))
		default:
			fmt.Fprintf(&b, "%d (%.1f%%, %.1fs)", v.size, percent(v.size, r.size), v.elapsed.Seconds())
		}
	}
	return b.String()
}

func percent(part, whole int64) float64 {
	if whole == 0 {
		return 0
	}
	return 100 * float64(part) / float64(whole)
}

// precompressDir makes the copies for every compressible file under dir,
// running as many compressions at once as there are CPUs: brotli at its best
// quality is single-threaded and slow, so the gzip copies and the small files
// are done while it works on the large .wasm. The results are in walk order.
func precompressDir(dir string, cs []coder, cache string) ([]result, error) {
	var results []result
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() || !compressible[filepath.Ext(path)] {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		results = append(results, result{name: filepath.ToSlash(rel), size: info.Size()})
		return nil
	})
	if err != nil {
		return nil, err
	}

	type job struct{ file, coder int }
	jobs := make(chan job)
	errs := make([]error, len(results)*len(cs))
	for i := range results {
		results[i].variants = make([]variant, len(cs))
	}
	var wg sync.WaitGroup
	for range runtime.NumCPU() {
		wg.Go(func() {
			for j := range jobs {
				src := filepath.Join(dir, filepath.FromSlash(results[j.file].name))
				v, err := compressFile(src, cs[j.coder], cache)
				results[j.file].variants[j.coder] = v
				errs[j.file*len(cs)+j.coder] = err
			}
		})
	}
	// Brotli of the largest files first, so the slowest job starts at once.
	bySize := make([]int, len(results))
	for i := range bySize {
		bySize[i] = i
	}
	slices.SortStableFunc(bySize, func(a, b int) int { return cmp.Compare(results[b].size, results[a].size) })
	for c := range cs {
		for _, f := range bySize {
			jobs <- job{f, c}
		}
	}
	close(jobs)
	wg.Wait()
	return results, errors.Join(errs...)
}

// temps are the temporary files being written, removed if the process is stopped.
var temps = tempFiles{names: map[string]bool{}}

type tempFiles struct {
	mu      sync.Mutex
	stopped bool
	names   map[string]bool
}

// create makes a temporary file in dir, named as os.CreateTemp names it, and
// returns it with the function that removes it (which does nothing once it is
// renamed).
func (ts *tempFiles) create(dir, pattern string) (*os.File, func(), error) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if ts.stopped {
		return nil, nil, errors.New("stopping")
	}
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, nil, err
	}
	ts.names[f.Name()] = true
	return f, func() {
		ts.mu.Lock()
		defer ts.mu.Unlock()
		delete(ts.names, f.Name())
		os.Remove(f.Name()) // fails harmlessly once renamed
	}, nil
}

// removeAll removes every temporary file being written, and lets no new one be
// made: the process is about to exit.
func (ts *tempFiles) removeAll() {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	ts.stopped = true
	for name := range ts.names {
		os.Remove(name)
	}
}

// compressFile makes src+c.ext unless it is already newer than src, from cache if
// it holds the copy of the same content, else by compressing (and then keeps it
// in cache).
func compressFile(src string, c coder, cache string) (variant, error) {
	v := variant{ext: c.ext}
	dst := src + c.ext
	si, err := os.Stat(src)
	if err != nil {
		return v, err
	}
	if di, err := os.Stat(dst); err == nil && !di.ModTime().Before(si.ModTime()) {
		v.size, v.kept = di.Size(), true
		return v, nil
	}

	start := time.Now()
	in, err := os.Open(src)
	if err != nil {
		return v, err
	}
	defer in.Close()
	tmp, remove, err := temps.create(filepath.Dir(src), "."+filepath.Base(dst)+".*")
	if err != nil {
		return v, err
	}
	defer remove()
	cached := ""
	if cache != "" {
		h := sha256.New()
		if _, err := io.Copy(h, in); err != nil {
			tmp.Close()
			return v, err
		}
		cached = filepath.Join(cache, hex.EncodeToString(h.Sum(nil))+"-"+c.settings+c.ext)
		if _, err := in.Seek(0, io.SeekStart); err != nil {
			tmp.Close()
			return v, err
		}
	}
	if err := copyFile(tmp, cached); err == nil {
		v.cached = true
	} else if err := c.compress(tmp, in); err != nil {
		tmp.Close()
		return v, fmt.Errorf("%s: %w", dst, err)
	}
	if err := tmp.Close(); err != nil {
		return v, err
	}
	ti, err := os.Stat(tmp.Name())
	if err != nil {
		return v, err
	}
	v.elapsed = time.Since(start)
	if ti.Size() >= si.Size() {
		// Serving it would cost more than the identity; drop any old copy
		// so the server does not pick it up.
		if err := os.Remove(dst); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return v, err
		}
		return v, nil
	}
	if err := os.Chmod(tmp.Name(), si.Mode().Perm()); err != nil {
		return v, err
	}
	if err := os.Chtimes(tmp.Name(), si.ModTime(), si.ModTime()); err != nil {
		return v, err
	}
	if cached != "" && !v.cached {
		if err := keepCopy(tmp.Name(), cached); err != nil {
			return v, err
		}
	}
	if err := os.Rename(tmp.Name(), dst); err != nil {
		return v, err
	}
	v.size, v.kept = ti.Size(), true
	return v, nil
}

// copyFile copies the file at path, if path is not empty and names one, to dst.
func copyFile(dst io.Writer, path string) error {
	if path == "" {
		return fs.ErrNotExist
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(dst, f)
	return err
}

// keepCopy copies the file at src to dst, which appears whole or not at all.
func keepCopy(src, dst string) error {
	tmp, remove, err := temps.create(filepath.Dir(dst), "."+filepath.Base(dst)+".*")
	if err != nil {
		return err
	}
	defer remove()
	if err := copyFile(tmp, src); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), dst)
}
