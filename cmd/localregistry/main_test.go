package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

func TestCheckLoopback(t *testing.T) {
	for addr, ok := range map[string]bool{"127.0.0.1:0": true, "localhost:8765": true, "[::1]:1": true, "0.0.0.0:8765": false, ":8765": false, "10.1.2.3:80": false} {
		if err := checkLoopback(addr, false); (err == nil) != ok {
			t.Errorf("%s: %v", addr, err)
		}
	}
	if err := checkLoopback("0.0.0.0:8765", true); err != nil {
		t.Errorf("-allow-non-loopback: %v", err)
	}
	if err := run([]string{"-addr", "0.0.0.0:0"}); err == nil || !strings.Contains(err.Error(), "allow-non-loopback") {
		t.Errorf("run with a non-loopback address: %v", err)
	}
}

func TestRunServesAndStops(t *testing.T) {
	dir := t.TempDir()
	addrFile := filepath.Join(dir, "addr")
	state := filepath.Join(dir, "state.json")
	done := make(chan error, 1)
	go func() { done <- run([]string{"-addr", "127.0.0.1:0", "-addr-file", addrFile, "-state", state}) }()
	var base string
	for i := 0; i < 100; i++ {
		if b, err := os.ReadFile(addrFile); err == nil {
			base = strings.TrimSpace(string(b))
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Fatalf("addr file: %q", base)
	}
	req, _ := http.NewRequest("GET", base+"/registry/v0/organisation", nil)
	req.Header.Set("X-Client-Secret", localregistry.DemoClientSecret)
	req.Header.Set("Authorization", "Bearer "+localregistry.DemoBuyerToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("status %d", resp.StatusCode)
	}
	// The pages: the world at a glance.
	page, err := http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	page.Body.Close()
	if page.StatusCode != 200 || page.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("GET /: %s %s", page.Status, page.Header.Get("Content-Type"))
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatalf("sending SIGTERM: %v", err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("did not stop on SIGTERM")
	}
	for _, f := range []string{state, state + ".journal"} {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("after the stop: %v", err)
		}
	}
}

func TestChooseSeed(t *testing.T) {
	s, err := chooseSeed("", 30, 2000)
	if err != nil || len(s.CreditBatches) != len(localregistry.DemoSeed().CreditBatches)+30 || s.CreditBatches[len(s.CreditBatches)-1].SizeKg != 2000 {
		t.Errorf("-scale 30 -scale-kg 2000: %v", err)
	}
	if _, err := chooseSeed("seed.json", 1, 1000); err == nil {
		t.Errorf("-seed with -scale accepted")
	}
	if _, err := chooseSeed("", -1, 1000); err == nil {
		t.Errorf("-scale -1 accepted")
	}
	if s, err := chooseSeed("", 0, 1000); err != nil || len(s.CreditBatches) != len(localregistry.DemoSeed().CreditBatches) {
		t.Errorf("default: %v", err)
	}
}

// helperEnv names the arguments of a child process that runs the command (TestHelperProcess).
const helperEnv = "LOCALREGISTRY_TEST_HELPER_ARGS"

// TestHelperProcess is the command itself when the test binary runs as a child of a test.
func TestHelperProcess(t *testing.T) {
	args := os.Getenv(helperEnv)
	if args == "" {
		t.Skip("runs only as a child process")
	}
	if err := run(strings.Split(args, "\n")); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(0)
}

// startChild starts the command in a child process and returns it and its base URL; the test
// kills it at the end if it still runs.
func startChild(t *testing.T, args ...string) (*exec.Cmd, string) {
	t.Helper()
	addrFile := filepath.Join(t.TempDir(), "addr")
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), helperEnv+"="+strings.Join(append(args, "-addr", "127.0.0.1:0", "-addr-file", addrFile), "\n"))
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	})
	for i := 0; i < 500; i++ {
		if b, err := os.ReadFile(addrFile); err == nil {
			return cmd, strings.TrimSpace(string(b))
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("the child did not start listening")
	return nil, ""
}

// TestCrashLosesNothingAnswered kills the command (SIGKILL) while clients keep committing
// retirements, in three rounds over one state file: every retirement that was answered is there
// after the restart, and the state is whole (it validates).
func TestCrashLosesNothingAnswered(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	state := filepath.Join(t.TempDir(), "state.json")
	var answered []string
	for round := 0; round < 3; round++ {
		cmd, base := startChild(t, "-state", state)
		var mu sync.Mutex
		stop := make(chan struct{})
		var wg sync.WaitGroup
		for c := 0; c < 4; c++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				hc := &http.Client{Timeout: 5 * time.Second}
				for {
					select {
					case <-stop:
						return
					default:
					}
					body := `{"owner_organisation_id":"` + localregistry.DemoBuyerOrgID + `","beneficiary_organisation_id":"` + localregistry.DemoBuyerOrgID +
						`","supplier_id":"` + localregistry.DemoSupplierAID + `","retirement_purposes":["other"],"notes":null,"credit_quantity_kg":1}`
					req, _ := http.NewRequest("POST", base+localregistry.APIPrefix+"/retirements/from_oldest_credits", strings.NewReader(body))
					req.Header.Set("X-Client-Secret", localregistry.DemoClientSecret)
					req.Header.Set("Authorization", "Bearer "+localregistry.DemoBuyerToken)
					resp, err := hc.Do(req)
					if err != nil {
						return // the child is gone
					}
					var ret struct{ ID string }
					err = json.NewDecoder(resp.Body).Decode(&ret)
					resp.Body.Close()
					if resp.StatusCode == 200 && err == nil {
						mu.Lock()
						answered = append(answered, ret.ID)
						mu.Unlock()
					}
				}
			}()
		}
		time.Sleep(time.Duration(150+100*round) * time.Millisecond)
		if err := cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		_ = cmd.Wait()
		close(stop)
		wg.Wait()

		var warnings []string
		reg, err := localregistry.New(localregistry.Options{StatePath: state, Logf: func(f string, a ...any) { warnings = append(warnings, fmt.Sprintf(f, a...)) }})
		if err != nil {
			t.Fatalf("round %d: restart after the crash: %v", round, err)
		}
		have := map[string]bool{}
		for _, r := range reg.AllRetirements() {
			have[r.ID] = true
		}
		mu.Lock()
		for _, id := range answered {
			if !have[id] {
				t.Errorf("round %d: retirement %s was answered, then lost by the crash", round, id)
			}
		}
		t.Logf("round %d: %d retirements answered so far, %d in the state; %v", round, len(answered), len(have), warnings)
		mu.Unlock()
		if err := reg.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if len(answered) == 0 {
		t.Fatal("no retirement was answered")
	}
}
