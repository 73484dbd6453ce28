package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
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
	if _, err := os.Stat(state); err != nil {
		t.Errorf("state file: %v", err)
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
