package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// The deployment files in deploy/, checked as far as this machine allows: each
// command line they give tenfootd parses as tenfootd's own flags do, and each file
// keeps the settings the README promises. systemd-analyze and a container builder,
// when installed, check and build them for real.

const deployDir = "../../deploy"

// unit is a systemd unit file: each section's keys, with every value a key was given.
type unit map[string]map[string][]string

func readUnit(t *testing.T, path string) unit {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	u := unit{}
	section := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, ";"):
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
			section = strings.Trim(line, "[]")
			u[section] = map[string][]string{}
		default:
			key, value, ok := strings.Cut(line, "=")
			require.True(t, ok, "%s: %q is no key=value", path, line)
			require.NotEmpty(t, section, "%s: %q is in no section", path, line)
			u[section][key] = append(u[section][key], value)
		}
	}
	require.NoError(t, sc.Err())
	return u
}

// one returns the only value of key in section.
func (u unit) one(section, key string) string {
	if v := u[section][key]; len(v) == 1 {
		return v[0]
	}
	return fmt.Sprintf("<%d values>", len(u[section][key]))
}

// checkTenfootdArgs fails t unless args parse as tenfootd's flags.
func checkTenfootdArgs(t *testing.T, where string, args []string, env map[string]string) {
	t.Helper()
	getenv := func(k string) string { return env[k] }
	_, help, err := parseFlags(args, getenv, io.Discard)
	assert.False(t, help, where)
	assert.NoError(t, err, "%s: tenfootd %s", where, strings.Join(args, " "))
}

// tenfootFlags returns the flags of the app, cmd/tenfoot, read from its sources.
func tenfootFlags(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("../tenfoot/*.go")
	require.NoError(t, err)
	var flags []string
	for _, f := range files {
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, m := range regexp.MustCompile(`fs\.\w+\("([a-z-]+)"`).FindAllSubmatch(src, -1) {
			flags = append(flags, string(m[1]))
		}
	}
	require.Contains(t, flags, "kiosk", "cmd/tenfoot's flags were found")
	return flags
}

func TestSystemdUnits(t *testing.T) {
	t.Run("tenfootd", func(t *testing.T) {
		u := readUnit(t, filepath.Join(deployDir, "systemd", "tenfootd.service"))
		exec := strings.Fields(u.one("Service", "ExecStart"))
		require.NotEmpty(t, exec)
		assert.Equal(t, "/usr/local/bin/tenfootd", exec[0])
		args := strings.Join(exec[1:], " ")
		checkTenfootdArgs(t, "ExecStart", strings.Fields(strings.ReplaceAll(args, "%S", "/var/lib")), nil)
		assert.Contains(t, args, "-data %S/tenfootd", "SQLite in the StateDirectory")
		assert.Regexp(t, `-metrics-addr 127\.0\.0\.1:`, args, "metrics and probes on loopback")
		for key, want := range map[string]string{
			"Restart": "always", "DynamicUser": "yes", "NoNewPrivileges": "yes", "ProtectSystem": "strict", "ProtectHome": "yes",
			"PrivateTmp": "yes", "PrivateDevices": "yes", "StateDirectory": "tenfootd", "KillSignal": "SIGTERM", "CapabilityBoundingSet": "",
		} {
			assert.Equal(t, want, u.one("Service", key), "[Service] %s", key)
		}
		stop, err := time.ParseDuration(u.one("Service", "TimeoutStopSec"))
		require.NoError(t, err)
		assert.Greater(t, stop, defaultShutdownTimeout, "systemd waits longer than tenfootd lets requests finish")
		files, err := strconv.Atoi(u.one("Service", "LimitNOFILE"))
		require.NoError(t, err)
		assert.GreaterOrEqual(t, files, 65536, "room for event streams")
		assert.Equal(t, "multi-user.target", u.one("Install", "WantedBy"))
	})
	t.Run("kiosk", func(t *testing.T) {
		u := readUnit(t, filepath.Join(deployDir, "systemd", "tenfoot-kiosk.service"))
		exec := strings.Fields(u.one("Service", "ExecStart"))
		app := slices.Index(exec, "/usr/local/bin/tenfoot")
		require.Positive(t, app, "the app runs inside the compositor: %q", exec)
		assert.Equal(t, "/usr/bin/cage", exec[0])
		flags := tenfootFlags(t)
		for _, arg := range exec[app+1:] {
			if name, ok := strings.CutPrefix(arg, "-"); ok {
				name, _, _ = strings.Cut(name, "=")
				assert.Contains(t, flags, name, "cmd/tenfoot has the flag -%s", name)
			}
		}
		assert.Contains(t, exec, "-kiosk")
		for key, want := range map[string]string{
			"Restart": "always", "NoNewPrivileges": "yes", "ProtectSystem": "strict", "ProtectHome": "yes", "PrivateTmp": "yes",
			"User": "tenfoot-kiosk", "PAMName": "login", "TTYPath": "/dev/tty1", "StateDirectory": "tenfoot-kiosk",
		} {
			assert.Equal(t, want, u.one("Service", key), "[Service] %s", key)
		}
		sysusers, err := os.ReadFile(filepath.Join(deployDir, "systemd", "tenfoot-kiosk.sysusers"))
		require.NoError(t, err)
		assert.Regexp(t, `(?m)^u tenfoot-kiosk `, string(sysusers), "the kiosk's user is made by systemd-sysusers")
	})
	t.Run("systemd-analyze", func(t *testing.T) {
		analyze, err := exec.LookPath("systemd-analyze")
		if err != nil {
			t.Skip("systemd-analyze is not installed (Debian: apt-get install systemd): the units were checked key by key only")
		}
		// verify wants the programs to exist: a copy of each unit runs /bin/true.
		dir := t.TempDir()
		for name, program := range map[string]string{"tenfootd.service": "/usr/local/bin/tenfootd", "tenfoot-kiosk.service": "/usr/bin/cage"} {
			src, err := os.ReadFile(filepath.Join(deployDir, "systemd", name))
			require.NoError(t, err)
			path := filepath.Join(dir, name)
			require.NoError(t, os.WriteFile(path, bytes.ReplaceAll(src, []byte(program), []byte("/bin/true")), 0o644))
			out, err := exec.Command(analyze, "verify", path).CombinedOutput()
			assert.NoError(t, err, "%s: %s", name, out)
			assert.Empty(t, strings.TrimSpace(string(out)), "systemd-analyze verify %s says nothing: every key is known and every value valid", name)
		}
		out, _ := exec.Command(analyze, "security", "--offline=yes", filepath.Join(dir, "tenfootd.service")).CombinedOutput()
		m := regexp.MustCompile(`Overall exposure level for tenfootd\.service: ([0-9.]+)`).FindSubmatch(out)
		if m == nil {
			t.Logf("systemd-analyze security --offline is not supported here: %s", bytes.TrimSpace(out))
			return
		}
		exposure, err := strconv.ParseFloat(string(m[1]), 64)
		require.NoError(t, err)
		assert.LessOrEqual(t, exposure, 2.0, "tenfootd.service is hardened: exposure %.1f of 10 (systemd-analyze security)", exposure)
	})
}

// dockerfile is the instructions of a Dockerfile, continuation lines joined.
type instruction struct {
	op, args string
}

func readDockerfile(t *testing.T, path string) []instruction {
	t.Helper()
	src, err := os.ReadFile(path)
	require.NoError(t, err)
	var out []instruction
	var line string
	for l := range strings.Lines(string(src)) {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, "#") || l == "" && line == "" {
			continue
		}
		if cont, ok := strings.CutSuffix(l, `\`); ok {
			line += cont + " "
			continue
		}
		line += l
		op, args, _ := strings.Cut(line, " ")
		out = append(out, instruction{strings.ToUpper(op), strings.TrimSpace(args)})
		line = ""
	}
	return out
}

// execForm reads the JSON array of an instruction in exec form.
func execForm(t *testing.T, args string) []string {
	t.Helper()
	var v []string
	require.NoError(t, json.Unmarshal([]byte(args), &v), "exec form: %s", args)
	return v
}

func TestContainerImage(t *testing.T) {
	path := filepath.Join(deployDir, "Dockerfile")
	ins := readDockerfile(t, path)
	var stages []string
	var final []instruction // of the last stage
	for _, in := range ins {
		if in.op == "FROM" {
			stages = append(stages, in.args)
			final = nil
		}
		final = append(final, in)
	}
	require.GreaterOrEqual(t, len(stages), 2, "built in one stage, run from another")
	base := strings.Fields(stages[len(stages)-1])[0]
	assert.Regexp(t, `^(scratch|gcr\.io/distroless/static(-debian\d+)?(:nonroot)?)$`, base, "the image runs from scratch or distroless static")

	var built, fonts bool
	for _, in := range ins {
		if in.op == "ENV" && strings.Contains(in.args, "CGO_ENABLED=0") {
			built = true
		}
		if in.op == "RUN" && strings.Contains(in.args, "./cmd/tenfootd") {
			assert.True(t, built, "tenfootd is built static: CGO_ENABLED=0 before it")
		}
		if in.op == "RUN" && strings.Contains(in.args, "scripts/fonts.sh /out/web/fonts") {
			fonts = true
			assert.Less(t, strings.Index(in.args, "fonts.sh"), strings.Index(in.args, "wasm/precompress"), "the fonts are compressed with the rest")
		}
	}
	assert.True(t, fonts, "the browser build has its Arabic and Japanese fonts, as make web's has")
	env := map[string]string{}
	var user, healthcheck, entrypoint string
	var exposed []string
	for _, in := range final {
		switch in.op {
		case "USER":
			user = in.args
		case "EXPOSE":
			exposed = append(exposed, strings.Fields(in.args)...)
		case "HEALTHCHECK":
			healthcheck = in.args
		case "ENTRYPOINT":
			entrypoint = in.args
		case "ENV":
			for _, kv := range strings.Fields(in.args) {
				k, v, _ := strings.Cut(kv, "=")
				env[k] = v
			}
		}
	}
	assert.NotContains(t, []string{"", "root", "0", "0:0", "root:root"}, user, "the image runs as a user that is not root")
	assert.Contains(t, exposed, "8080", "the API's port")
	assert.Contains(t, exposed, "9090", "the metrics' and probes' port")
	entry := execForm(t, entrypoint)
	assert.Equal(t, "/usr/local/bin/tenfootd", entry[0])
	checkTenfootdArgs(t, "ENTRYPOINT", append(entry[1:], "-public-url", "https://tv.example"), env)
	assert.Equal(t, ":8080", env["TENFOOT_ADDR"])
	assert.Equal(t, ":9090", env["TENFOOT_METRICS_ADDR"])

	check, ok := strings.CutPrefix(healthcheck[strings.Index(healthcheck, "CMD"):], "CMD ")
	require.True(t, ok, "HEALTHCHECK … CMD […]: %s", healthcheck)
	probeCmd := execForm(t, check)
	assert.Equal(t, []string{"/usr/local/bin/tenfootd", "-probe"}, probeCmd[:2], "the image has no shell: tenfootd probes itself")
	probeURL, err := url.Parse(probeCmd[2])
	require.NoError(t, err)
	assert.Contains(t, []string{"/livez", "/readyz"}, probeURL.Path)
	assert.Equal(t, "9090", probeURL.Port(), "probed where -metrics-addr serves")

	t.Run("build and run", func(t *testing.T) { testImage(t, ins) })
}

// lastLine returns the last line of b that says something: where a tool's error is.
func lastLine(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// manifest is one Kubernetes object as YAML decodes it, and each object inside it.
type manifest map[string]any

// at returns the value at path (keys, or indexes into lists), or nil.
func (m manifest) at(path ...any) any {
	var v any = map[string]any(m)
	for _, p := range path {
		switch p := p.(type) {
		case string:
			switch obj := v.(type) {
			case map[string]any:
				v = obj[p]
			case manifest: // what YAML decodes the maps inside a manifest to
				v = obj[p]
			default:
				return nil
			}
		case int:
			list, ok := v.([]any)
			if !ok || p >= len(list) {
				return nil
			}
			v = list[p]
		}
	}
	return v
}

func TestKubernetesManifest(t *testing.T) {
	f, err := os.Open(filepath.Join(deployDir, "kubernetes", "tenfootd.yaml"))
	require.NoError(t, err)
	defer f.Close()
	objects := map[string]manifest{}
	dec := yaml.NewDecoder(f)
	for {
		var m manifest
		if err := dec.Decode(&m); errors.Is(err, io.EOF) {
			break
		} else {
			require.NoError(t, err)
		}
		objects[fmt.Sprint(m["kind"])] = m
	}
	deploy, service, budget := objects["Deployment"], objects["Service"], objects["PodDisruptionBudget"]
	require.NotNil(t, deploy)
	require.NotNil(t, service)
	require.NotNil(t, budget)

	assert.GreaterOrEqual(t, deploy.at("spec", "replicas"), 2, "replicas, so that one can restart while the others serve")
	assert.Equal(t, "RollingUpdate", deploy.at("spec", "strategy", "type"))
	assert.Equal(t, 0, deploy.at("spec", "strategy", "rollingUpdate", "maxUnavailable"), "a new pod is ready before an old one stops")
	labels := deploy.at("spec", "template", "metadata", "labels")
	assert.Equal(t, deploy.at("spec", "selector", "matchLabels"), labels)
	assert.Equal(t, service.at("spec", "selector"), labels, "the Service sends to the Deployment's pods")
	assert.Equal(t, budget.at("spec", "selector", "matchLabels"), labels)

	c := deploy.at("spec", "template", "spec", "containers", 0).(manifest)
	var args []string
	for _, a := range c.at("args").([]any) {
		args = append(args, a.(string))
	}
	env := map[string]string{"TENFOOT_ADDR": ":8080", "TENFOOT_METRICS_ADDR": ":9090", "TENFOOT_DATABASE_URL": "postgres://tenfoot@postgres/tenfoot"} // as the image and the Secret set them
	checkTenfootdArgs(t, "container args", args, env)
	o, _, err := parseFlags(args, func(k string) string { return env[k] }, io.Discard)
	require.NoError(t, err)
	assert.Positive(t, o.shutdownDelay, "the pod serves on while the Service takes it out")
	grace := deploy.at("spec", "template", "spec", "terminationGracePeriodSeconds").(int)
	assert.Greater(t, time.Duration(grace)*time.Second, o.shutdownDelay+o.shutdownTimeout, "Kubernetes waits for the whole drain before SIGKILL")

	ports := map[string]int{}
	for _, p := range c.at("ports").([]any) {
		p := p.(manifest)
		ports[p.at("name").(string)] = p.at("containerPort").(int)
	}
	assert.Equal(t, map[string]int{"http": 8080, "metrics": 9090}, ports, "as TENFOOT_ADDR and TENFOOT_METRICS_ADDR in the image")
	for probe, path := range map[string]string{"readinessProbe": "/readyz", "livenessProbe": "/livez"} {
		assert.Equal(t, path, c.at(probe, "httpGet", "path"), probe)
		assert.Equal(t, "metrics", c.at(probe, "httpGet", "port"), probe)
	}
	assert.Equal(t, "http", service.at("spec", "ports", 0, "targetPort"), "the Service reaches the API")
	assert.Equal(t, "tenfootd-database", c.at("env", 0, "valueFrom", "secretKeyRef", "name"), "the database's URL comes from a Secret")

	assert.Equal(t, true, deploy.at("spec", "template", "spec", "securityContext", "runAsNonRoot"))
	assert.Equal(t, "RuntimeDefault", deploy.at("spec", "template", "spec", "securityContext", "seccompProfile", "type"))
	assert.Equal(t, false, c.at("securityContext", "allowPrivilegeEscalation"))
	assert.Equal(t, true, c.at("securityContext", "readOnlyRootFilesystem"))
	assert.Equal(t, []any{"ALL"}, c.at("securityContext", "capabilities", "drop"))
}
