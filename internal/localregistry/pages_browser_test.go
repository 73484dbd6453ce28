//go:build unix

package localregistry

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The pages in a real browser: headless Chromium (Debian's package) loads each kind of page from a
// registry on 127.0.0.1, and the test reads the DOM it built, scans its log for console messages
// (the pages have no script, so any message, such as a refused style sheet, is an error) and
// writes a screenshot of each page to bin/pages/.

const chromiumPath = "/usr/bin/chromium"

// chromiumRunTimeout bounds one run of Chromium; the test as a whole is bounded by the runs.
const chromiumRunTimeout = 90 * time.Second

// consoleLine is a console message in Chromium's log (--enable-logging=stderr), e.g.
// `[1:1:1204/211005.272813:INFO:CONSOLE:1] "…", source: http://… (1)`.
var consoleLine = regexp.MustCompile(`:CONSOLE[:(]`)

// needChromium is the path of Chromium; without it the test skips, or fails when CI is set.
func needChromium(t *testing.T) string {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set and %s is missing (%v): install it with apt-get install chromium", chromiumPath, err)
		}
		t.Skipf("%s is missing: install it with apt-get install chromium to run the browser test", chromiumPath)
	}
	return chromiumPath
}

// browsed is what Chromium made of a page: its DOM and the console messages of its log.
type browsed struct {
	dom     string
	console []string
}

// browse loads url in a fresh headless Chromium with a profile of its own, dumps the DOM and, when
// screenshot is not "", writes a 1280×900 screenshot there. Chromium runs in a process group of
// its own, killed when the run ends or times out.
func browse(t *testing.T, bin, url, screenshot string) browsed {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), chromiumRunTimeout)
	defer cancel()
	args := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir(), "--enable-logging=stderr", "--v=0", "--dump-dom"}
	if screenshot != "" {
		args = append(args, "--screenshot="+screenshot, "--window-size=1280,900")
	}
	cmd := exec.CommandContext(ctx, bin, append(args, url)...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if cmd.Process != nil {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) // what is left of the group (helpers)
	}
	if ctx.Err() != nil {
		t.Fatalf("chromium did not finish %s within %s", url, chromiumRunTimeout)
	}
	if err != nil {
		t.Fatalf("chromium %s: %v\n%s", url, err, stderr.String())
	}
	var out browsed
	out.dom = stdout.String()
	for _, line := range strings.Split(stderr.String(), "\n") {
		if consoleLine.MatchString(line) {
			out.console = append(out.console, line)
		}
	}
	return out
}

func TestPagesInChromium(t *testing.T) {
	bin := needChromium(t)

	// The console scan sees a page's errors: a page with a failing script is caught.
	canary := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte(`<!DOCTYPE html><p>canary</p><script>console.error("canary error"); undefinedFunction();</script>`))
	}))
	defer canary.Close()
	if got := browse(t, bin, canary.URL, ""); len(got.console) != 2 || !strings.Contains(got.console[0], "canary error") {
		t.Fatalf("the console scan does not see a page's errors: %q", got.console)
	}

	w := newPagesWorld(t)
	shots, err := filepath.Abs(filepath.Join("..", "..", "bin", "pages"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, path string
		want       []string // in the DOM, in this order
	}{
		{"world", "/", []string{"The world at a glance", "Demo Buyer Ltd", "54.750 t", "Demo Project A1 - Direct Air Capture", "15.000 t",
			"Recent retirements", w.retirement.ID, "Jo Bloggs", "Recent transfers", w.transfer.ID, "Recent deliveries", DemoDeliveryA1ID}},
		{"certificate", "/" + w.retirement.ID, []string{"Retirement certificate", "2.000 t", "(2000 kg)", "Jo Bloggs", w.retirement.ID,
			"Corporate targets", "&lt;script&gt;alert(1)&lt;/script&gt;", w.retired.ID, w.retired.SerialNumber, "Demo Project A1 - Direct Air Capture"}},
		{"batch", "/" + w.moved.ID, []string{w.moved.ID, "0.500 t", "Lineage", DemoBatchA1Buyer2, "12.500 t", "Delivered", DemoDeliveryA1ID,
			"left part", w.retired.ID, "Retired", w.retirement.ID, "right part", w.rest.ID, "left part", w.moved.ID,
			"Transferred", w.transfer.ID, "right part", w.kept.ID, "10.000 t"}},
		{"project", "/" + DemoProjectA1ID, []string{"Demo Project A1 - Direct Air Capture", "24.500 t", DemoIssuanceA1ID, DemoBatchA1Buyer1}},
		{"supplier", "/" + DemoSupplierAID, []string{"Demo Supplier A", "Demo Project A2 - Enhanced Weathering", DemoDeliveryA1ID}},
		{"delivery", "/" + DemoDeliveryA1ID, []string{"23.500 t", "delivered", DemoOrderA1ID, DemoBatchA1Buyer1}},
		{"not-found", "/ret_1NOSUCHRETIRE0001", []string{"Not found", "There is no retirement"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			shot := filepath.Join(shots, c.name+".png")
			if err := os.Remove(shot); err != nil && !errors.Is(err, os.ErrNotExist) {
				t.Fatal(err)
			}
			got := browse(t, bin, w.srv.URL+c.path, shot)
			containsInOrder(t, c.path, got.dom, c.want...)
			if strings.Contains(got.dom, "<script") || strings.Contains(got.dom, w.email) {
				t.Errorf("%s: the DOM has a script or an email", c.path)
			}
			if len(got.console) > 0 {
				t.Errorf("%s: console messages:\n%s", c.path, strings.Join(got.console, "\n"))
			}
			png, err := os.ReadFile(shot)
			if err != nil || !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) {
				t.Errorf("%s: no PNG screenshot at %s (%v)", c.path, shot, err)
			}
		})
	}
}
