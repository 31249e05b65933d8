package main

import (
	"context"
	"debug/elf"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// deploy/Dockerfile built and run for real with buildah, which needs no daemon:
// vfs storage and chroot isolation work inside a container too. The image is built
// in a store of the test's own, so nothing is left behind, unless
// TENFOOT_IMAGE_STORE names a folder to keep it in (its layers make a second build
// quick). A base image that cannot be pulled (no registry reachable) is replaced by
// a stand-in of the same name built from this machine: the Go toolchain that runs
// the test and BusyBox for the build, nothing but a user and CA certificates for
// the distroless base.

// imageBuildTime bounds building the image: 9 to 12 minutes on two cores with a store that
// is new: Go's build cache starts empty inside the image.
const imageBuildTime = 20 * time.Minute

// buildah runs buildah on one store.
type buildah struct {
	path, store string
}

// newBuildah returns buildah on a store for t, or skips t saying what to install.
func newBuildah(t *testing.T) buildah {
	t.Helper()
	path, err := exec.LookPath("buildah")
	if err != nil {
		t.Skip("buildah is not installed (Debian: apt-get install buildah busybox-static): deploy/Dockerfile was checked line by line only")
	}
	if testing.Short() {
		t.Skip("-short: the image is not built")
	}
	store := os.Getenv("TENFOOT_IMAGE_STORE")
	if store == "" {
		if d, ok := t.Deadline(); ok && time.Until(d) < imageBuildTime+3*time.Minute {
			t.Skipf("building the image takes up to %v on two cores: run with -timeout 30m (make test-image)", imageBuildTime)
		}
		store = t.TempDir()
	}
	b := buildah{path, store}
	t.Cleanup(func() { _ = b.cmd(context.Background(), "rm", "--all").Run() })
	return b
}

// cmd is buildah args on b's store.
func (b buildah) cmd(ctx context.Context, args ...string) *exec.Cmd {
	global := []string{"--root", filepath.Join(b.store, "root"), "--runroot", filepath.Join(b.store, "run"), "--storage-driver", "vfs"}
	return exec.CommandContext(ctx, b.path, append(global, args...)...)
}

// run runs buildah args and returns what it printed, failing t if it fails.
func (b buildah) run(t *testing.T, args ...string) string {
	t.Helper()
	out, err := b.cmd(t.Context(), args...).CombinedOutput()
	require.NoError(t, err, "buildah %s:\n%s", strings.Join(args, " "), out)
	return strings.TrimSpace(string(out))
}

// fullName is an image reference as buildah stores it: golang:1 is
// docker.io/library/golang:1.
func fullName(ref string) string {
	first, rest, ok := strings.Cut(ref, "/")
	switch {
	case !ok:
		return "docker.io/library/" + ref
	case strings.ContainsAny(first, ".:") || first == "localhost":
		return ref
	default:
		return "docker.io/" + first + "/" + rest
	}
}

// baseImages returns the images the Dockerfile's stages start from: not scratch,
// nor an earlier stage.
func baseImages(ins []instruction) []string {
	var bases []string
	stages := map[string]bool{"scratch": true}
	for _, in := range ins {
		if in.op != "FROM" {
			continue
		}
		f := strings.Fields(in.args)
		if !stages[f[0]] {
			bases = append(bases, f[0])
		}
		if len(f) == 3 && strings.EqualFold(f[1], "AS") {
			stages[f[2]] = true
		}
	}
	return bases
}

// pullOrStandIn pulls image into b's store, or builds a stand-in for it if the
// registry cannot be reached.
func (b buildah) pullOrStandIn(t *testing.T, image string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
	defer cancel()
	out, err := b.cmd(ctx, "pull", "-q", fullName(image)).CombinedOutput()
	if err == nil {
		return
	}
	t.Logf("%s could not be pulled (%s): building a stand-in", image, lastLine(out))
	switch {
	case strings.HasPrefix(image, "golang:"):
		b.goStandIn(t, fullName(image))
	case strings.HasPrefix(image, "gcr.io/distroless/static"):
		b.distrolessStandIn(t, fullName(image))
	default:
		t.Fatalf("no stand-in for %s", image)
	}
}

// staticBinary tells whether the ELF file at path runs without a dynamic loader.
func staticBinary(t *testing.T, path string) bool {
	t.Helper()
	f, err := elf.Open(path)
	require.NoError(t, err)
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			return false
		}
	}
	return true
}

// goStandIn builds an image named name with a shell (BusyBox) and the Go that runs
// this test, set up as the official golang images are.
func (b buildah) goStandIn(t *testing.T, name string) {
	t.Helper()
	busybox, err := exec.LookPath("busybox")
	if err != nil || !staticBinary(t, busybox) {
		t.Skip("the golang image cannot be pulled, and its stand-in needs a static BusyBox (Debian: apt-get install busybox-static)")
	}
	ctr := b.run(t, "from", "scratch")
	root := b.run(t, "mount", ctr)
	for _, dir := range []string{"bin", "usr/local", "etc/ssl/certs", "go", "root", "tmp"} {
		require.NoError(t, os.MkdirAll(filepath.Join(root, dir), 0o755))
	}
	require.NoError(t, os.Chmod(filepath.Join(root, "tmp"), 0o1777))
	runOK(t, "cp", busybox, filepath.Join(root, "bin", "busybox"))
	list, err := exec.Command(busybox, "--list").Output()
	require.NoError(t, err)
	for _, tool := range strings.Fields(string(list)) {
		if tool != "busybox" {
			require.NoError(t, os.Symlink("busybox", filepath.Join(root, "bin", tool)))
		}
	}
	runOK(t, "cp", "-a", goEnv(t, "GOROOT"), filepath.Join(root, "usr/local/go"))
	runOK(t, "cp", "/etc/ssl/certs/ca-certificates.crt", filepath.Join(root, "etc/ssl/certs/"))
	writeFile(t, filepath.Join(root, "etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n")
	writeFile(t, filepath.Join(root, "etc/group"), "root:x:0:\n")
	b.run(t, "umount", ctr)
	b.run(t, "config", "--workingdir", "/go", "--env", "GOPATH=/go", "--env", "GOTOOLCHAIN=local",
		"--env", "GOPROXY="+goEnv(t, "GOPROXY"), "--env", "PATH=/go/bin:/usr/local/go/bin:/usr/local/bin:/usr/bin:/bin", ctr)
	b.run(t, "commit", "-q", "--rm", ctr, name)
}

// distrolessStandIn builds an image named name as distroless/static:nonroot is:
// no shell, no programs, a user nonroot (65532) and CA certificates.
func (b buildah) distrolessStandIn(t *testing.T, name string) {
	t.Helper()
	ctr := b.run(t, "from", "scratch")
	root := b.run(t, "mount", ctr)
	for _, dir := range []string{"etc/ssl/certs", "home/nonroot", "tmp"} {
		require.NoError(t, os.MkdirAll(filepath.Join(root, dir), 0o755))
	}
	require.NoError(t, os.Chmod(filepath.Join(root, "tmp"), 0o1777))
	require.NoError(t, os.Chown(filepath.Join(root, "home/nonroot"), 65532, 65532))
	runOK(t, "cp", "/etc/ssl/certs/ca-certificates.crt", filepath.Join(root, "etc/ssl/certs/"))
	writeFile(t, filepath.Join(root, "etc/passwd"), "root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n")
	writeFile(t, filepath.Join(root, "etc/group"), "root:x:0:\nnonroot:x:65532:\n")
	b.run(t, "umount", ctr)
	b.run(t, "config", "--user", "65532", "--workingdir", "/home/nonroot", ctr)
	b.run(t, "commit", "-q", "--rm", ctr, name)
}

func runOK(t *testing.T, name string, args ...string) {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	require.NoError(t, err, "%s %s: %s", name, strings.Join(args, " "), out)
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
}

func goEnv(t *testing.T, key string) string {
	t.Helper()
	out, err := exec.Command("go", "env", key).Output()
	require.NoError(t, err)
	return strings.TrimSpace(string(out))
}

// imageConfig is what the test reads of a built image's configuration.
type imageConfig struct {
	OCIv1 struct {
		Config struct {
			User         string
			Env          []string
			Entrypoint   []string
			ExposedPorts map[string]struct{}
			StopSignal   string
		}
	}
	Docker struct {
		Config struct {
			Healthcheck struct{ Test []string }
		}
	}
}

// imageSize returns the size of image as buildah reports it, such as "53.5 MB",
// and in bytes.
func (b buildah) imageSize(t *testing.T, image string) (string, float64) {
	t.Helper()
	var list []struct{ Size string }
	require.NoError(t, json.Unmarshal([]byte(b.run(t, "images", "--json", image)), &list))
	require.Len(t, list, 1)
	m := regexp.MustCompile(`^([0-9.]+) ([kMG]?B)$`).FindStringSubmatch(list[0].Size)
	require.NotNil(t, m, "size %q", list[0].Size)
	n, err := strconv.ParseFloat(m[1], 64)
	require.NoError(t, err)
	unit := map[string]float64{"B": 1, "kB": 1e3, "MB": 1e6, "GB": 1e9}[m[2]]
	return list[0].Size, n * unit
}

// freePort returns a loopback port no one listens on now: the container shares
// the machine's network.
func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	return strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
}

// descendant returns the process below pid whose command is name, or 0.
func descendant(pid int, name string) int {
	parent := map[int]int{}
	comm := map[int]string{}
	dirs, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, stat := range dirs {
		b, err := os.ReadFile(stat)
		if err != nil {
			continue
		}
		// pid (comm) state ppid …; comm may hold spaces and parentheses.
		s := string(b)
		open, close := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
		if open < 0 || close < open {
			continue
		}
		p, _ := strconv.Atoi(strings.TrimSpace(s[:open]))
		f := strings.Fields(s[close+1:])
		if len(f) < 2 {
			continue
		}
		comm[p] = s[open+1 : close]
		parent[p], _ = strconv.Atoi(f[1])
	}
	for p, c := range comm {
		if c != name {
			continue
		}
		for q := parent[p]; q > 1; q = parent[q] {
			if q == pid {
				return p
			}
		}
	}
	return 0
}

// waitAnswer waits until url answers, and returns its status.
func waitAnswer(t *testing.T, url string, within time.Duration) int {
	t.Helper()
	var status int
	require.Eventually(t, func() bool {
		resp, err := http.Get(url)
		if err != nil {
			return false
		}
		resp.Body.Close()
		status = resp.StatusCode
		return true
	}, within, 100*time.Millisecond, "%s did not answer within %v", url, within)
	return status
}

// getBody returns url's status and body.
func getBody(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(body)
}

// testImage builds deploy/Dockerfile and runs the image as a container would: its
// entrypoint, environment and user, with the ports moved to free ones. tenfootd
// must answer its probes and metrics, pass the image's own health check, and exit
// 0 on SIGTERM.
func testImage(t *testing.T, ins []instruction) {
	b := newBuildah(t)
	for _, base := range baseImages(ins) {
		b.pullOrStandIn(t, base)
	}
	start := time.Now()
	ctx, cancel := context.WithTimeout(t.Context(), imageBuildTime)
	defer cancel()
	build := b.cmd(ctx, "bud", "--isolation", "chroot", "--pull=never", "--layers", "--format", "docker",
		"-f", "deploy/Dockerfile", "-t", "tenfootd:test", ".")
	build.Dir = "../.."
	out, err := build.CombinedOutput()
	require.NoError(t, err, "buildah bud:\n%s", out)
	size, bytes := b.imageSize(t, "tenfootd:test")
	t.Logf("built in %v: %s", time.Since(start).Round(time.Second), size)
	assert.Less(t, bytes, 80e6, "the image holds tenfootd and the browser's build, little else")

	var cfg imageConfig
	require.NoError(t, json.Unmarshal([]byte(b.run(t, "inspect", "--type", "image", "tenfootd:test")), &cfg))
	c := cfg.OCIv1.Config
	assert.Equal(t, "nonroot:nonroot", c.User)
	assert.Equal(t, "SIGTERM", c.StopSignal)
	assert.Contains(t, c.ExposedPorts, "8080/tcp")
	assert.Contains(t, c.ExposedPorts, "9090/tcp")

	ctr := b.run(t, "from", "--pull-never", "tenfootd:test")
	root := b.run(t, "mount", ctr)
	_, err = os.Lstat(filepath.Join(root, "bin/sh"))
	assert.True(t, os.IsNotExist(err), "the image has no shell")
	assert.True(t, staticBinary(t, filepath.Join(root, "usr/local/bin/tenfootd")), "tenfootd is static")
	b.run(t, "umount", ctr)

	runContainer(t, b, ctr, cfg)
}

// runContainer runs the image's entrypoint in ctr, with its environment and user,
// and stops it as a container engine would.
func runContainer(t *testing.T, b buildah, ctr string, cfg imageConfig) {
	api, metricsPort := freePort(t), freePort(t)
	args := []string{"run", "--isolation", "chroot",
		"--env", "TENFOOT_ADDR=127.0.0.1:" + api, "--env", "TENFOOT_METRICS_ADDR=127.0.0.1:" + metricsPort, ctr, "--"}
	args = append(args, cfg.OCIv1.Config.Entrypoint...)
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	cmd := b.cmd(ctx, append(args, "-public-url", "https://tv.example")...)
	var out lockedBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	require.NoError(t, cmd.Start())
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	defer func() { _ = cmd.Process.Kill() }()

	metricsURL, apiURL := "http://127.0.0.1:"+metricsPort, "http://127.0.0.1:"+api
	require.Equal(t, http.StatusOK, waitAnswer(t, metricsURL+"/livez", time.Minute), "/livez; tenfootd said:\n%s", &out)
	for _, path := range []string{"/livez", "/readyz"} {
		status, body := getBody(t, metricsURL+path)
		assert.Equal(t, http.StatusOK, status, "%s: %s", path, body)
		t.Logf("%s: %d %s", path, status, strings.TrimSpace(body))
	}
	checkPage(t, apiURL)
	families := scrape(t, metricsURL+"/metrics")
	for name, want := range wantMetrics {
		if assert.Contains(t, families, name, "/metrics") {
			assert.Equal(t, want.kind, families[name].GetType(), name)
		}
	}
	t.Logf("/metrics: %d families", len(families))

	// The image's own health check, run inside it, on the port moved here.
	check := slices.Clone(cfg.Docker.Config.Healthcheck.Test)
	require.Equal(t, "CMD", check[0], "HEALTHCHECK in exec form")
	check[len(check)-1] = strings.Replace(check[len(check)-1], ":9090/", ":"+metricsPort+"/", 1)
	b.run(t, append([]string{"run", "--isolation", "chroot", ctr, "--"}, check[1:]...)...)

	// buildah run does not pass signals on: the engine's SIGTERM goes to tenfootd.
	pid := descendant(cmd.Process.Pid, "tenfootd")
	require.NotZero(t, pid, "tenfootd runs under buildah")
	status2, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	require.NoError(t, err)
	assert.Regexp(t, `(?m)^Uid:\s+65532\s`, string(status2), "tenfootd runs as nonroot")
	require.NoError(t, syscall.Kill(pid, syscall.SIGTERM))
	select {
	case err := <-done:
		assert.NoError(t, err, "tenfootd exits 0 on SIGTERM; it said:\n%s", &out)
	case <-time.After(30 * time.Second):
		t.Fatalf("tenfootd did not stop within 30 s of SIGTERM; it said:\n%s", &out)
	}
	assert.Contains(t, out.String(), `"msg":"shut down"`)
}

// checkPage fails t unless the page at url answers, and so does each script and
// stylesheet it names: the image holds the whole browser build.
func checkPage(t *testing.T, url string) {
	t.Helper()
	status, page := getBody(t, url+"/")
	require.Equal(t, http.StatusOK, status, "the browser's page")
	files := regexp.MustCompile(`(?:src|href)="([a-z_]+\.(?:js|css))"`).FindAllStringSubmatch(page, -1)
	require.NotEmpty(t, files, "the page names its scripts: %s", page)
	files = append(files, []string{"", "tenfoot.wasm"})
	for _, f := range files {
		status, _ := getBody(t, url+"/"+f[1])
		assert.Equal(t, http.StatusOK, status, "%s, which the page loads", f[1])
	}
}
