package localregistry

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// journalEnv is a registry with a state file, and what it logged.
type journalEnv struct {
	*testEnv
	path string
	mu   sync.Mutex
	logs []string
}

func newJournalEnv(t *testing.T, path string, opts Options) *journalEnv {
	t.Helper()
	j := &journalEnv{path: path}
	opts.StatePath = path
	opts.Logf = func(format string, a ...any) {
		j.mu.Lock()
		defer j.mu.Unlock()
		j.logs = append(j.logs, fmt.Sprintf(format, a...))
	}
	j.testEnv = newEnvWith(t, opts)
	return j
}

func (j *journalEnv) logged() string {
	j.mu.Lock()
	defer j.mu.Unlock()
	return strings.Join(j.logs, "\n")
}

// retire retires kg of the buyer's oldest credits of supplier A and returns the retirement.
func (j *journalEnv) retire(kg int64) client.Retirement {
	j.t.Helper()
	return ok[client.Retirement](j.testEnv, "POST", "/retirements/from_oldest_credits", DemoBuyerToken, oldestBody(DemoBuyerOrgID, DemoSupplierAID, kg))
}

func journalLines(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path + journalSuffix)
	if err != nil {
		t.Fatal(err)
	}
	return strings.SplitAfter(string(b), "\n")
}

func TestJournalReplay(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	e := newJournalEnv(t, path, Options{})
	rets := []client.Retirement{e.retire(1)} // the first commit waits for the state file
	stateBefore, _ := os.ReadFile(path)
	for kg := int64(2); kg <= 3; kg++ {
		rets = append(rets, e.retire(kg))
	}
	ok[client.Organisation](e.testEnv, "POST", "/beneficiary", DemoBuyerToken, map[string]any{"beneficiary_name": "Kept", "beneficiary_email": "kept@example.org"})
	ok[client.Delivery](e.testEnv, "POST", "/deliveries", DemoSupplierAToken, deliveryBody(DemoOrderA2ID, q(DemoBatchA2Supplier2, 700)))
	if after, _ := os.ReadFile(path); string(after) != string(stateBefore) {
		t.Errorf("a commit rewrote the state file")
	}
	if n := len(journalLines(t, path)); n != 1+5+1 { // header, 5 entries, "" after the last end of line
		t.Errorf("journal has %d lines", n)
	}
	e2 := newJournalEnv(t, path, Options{})
	if e2.snapshotJSON() != e.snapshotJSON() {
		t.Fatal("replaying the journal gave another state")
	}
	for _, r := range rets {
		ok[client.Retirement](e2.testEnv, "GET", "/retirements/"+r.ID, DemoBuyerToken, nil)
	}
	if e2.logged() != "" {
		t.Errorf("warnings: %s", e2.logged())
	}
	e2.checkConsistency()
}

// TestJournalTornLastLine: a last line without its end of line (a commit cut by a crash, never
// answered) is cut off with a warning naming the file and the line; the rest is replayed, and
// the journal goes on cleanly.
func TestJournalTornLastLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	e := newJournalEnv(t, path, Options{})
	r1, r2 := e.retire(1), e.retire(2)
	lines := journalLines(t, path)
	torn := strings.TrimSuffix(lines[2], "\n")
	f, _ := os.OpenFile(path+journalSuffix, os.O_APPEND|os.O_WRONLY, 0)
	_, _ = f.WriteString(torn[:len(torn)/2])
	f.Close()

	e2 := newJournalEnv(t, path, Options{})
	if w := e2.logged(); !strings.Contains(w, path+journalSuffix) || !strings.Contains(w, "line 4 is torn") || !strings.Contains(w, "cutting it off") {
		t.Errorf("warning: %q", w)
	}
	for _, r := range []client.Retirement{r1, r2} {
		ok[client.Retirement](e2.testEnv, "GET", "/retirements/"+r.ID, DemoBuyerToken, nil)
	}
	if retirementCount(e2.testEnv) != retirementCount(e.testEnv) {
		t.Errorf("the torn line was applied")
	}
	r3 := e2.retire(3)
	e3 := newJournalEnv(t, path, Options{})
	ok[client.Retirement](e3.testEnv, "GET", "/retirements/"+r3.ID, DemoBuyerToken, nil)
	if e3.logged() != "" {
		t.Errorf("after the cut: %s", e3.logged())
	}
	e3.checkConsistency()
}

// TestJournalDamage: a damaged complete line stops the start with an error that names the file,
// the line and the ways out; -reset (Options.Reset) is one.
func TestJournalDamage(t *testing.T) {
	for name, damage := range map[string]func(lines []string) []string{
		"middle line": func(l []string) []string { l[2] = "{\"at\": garbage}\n"; return l },
		"last line":   func(l []string) []string { l[3] = "not json\n"; return l },
		"unknown key": func(l []string) []string { l[2] = strings.Replace(l[2], `"at"`, `"att"`, 1); return l },
		"header":      func(l []string) []string { l[0] = "{}\n"; return l },
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "state.json")
			e := newJournalEnv(t, path, Options{})
			e.retire(1)
			e.retire(2)
			e.retire(3)
			lines := damage(journalLines(t, path))
			if err := os.WriteFile(path+journalSuffix, []byte(strings.Join(lines, "")), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := New(Options{StatePath: path})
			if err == nil || !strings.Contains(err.Error(), path+journalSuffix+" line") {
				t.Fatalf("got %v, want an error naming the journal and the line", err)
			}
			if name != "header" && !strings.Contains(err.Error(), "-reset") {
				t.Errorf("the error does not say the way out: %v", err)
			}
			r := newJournalEnv(t, path, Options{Reset: true})
			if r.snapshotJSON() != mustJSON(DemoSeed()) {
				t.Errorf("-reset did not start from the seed")
			}
		})
	}
}

// TestJournalOfAnotherState: a journal whose header names another state file (left by a crash
// between the rewrite of the state file and the new journal) is not replayed over it.
func TestJournalOfAnotherState(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	e := newJournalEnv(t, path, Options{})
	e.retire(1)
	e.retire(2)
	// The state file is rewritten with the state (as a compaction does), the journal kept.
	if _, err := writeState(path, e.reg.Snapshot()); err != nil {
		t.Fatal(err)
	}
	e2 := newJournalEnv(t, path, Options{})
	if !strings.Contains(e2.logged(), "not replaying it") {
		t.Errorf("warning: %q", e2.logged())
	}
	if e2.snapshotJSON() != e.snapshotJSON() {
		t.Errorf("the journal was replayed again, or the state lost")
	}
	if lines := journalLines(t, path); len(lines) != 2 {
		t.Errorf("a new journal has %d lines", len(lines))
	}
}

func TestCompactAndReset(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	e := newJournalEnv(t, path, Options{})
	ret := e.retire(5)
	if status, _ := e.raw("POST", HooksPrefix+"/compact", nil, nil); status != 204 {
		t.Fatalf("compact: %d", status)
	}
	if lines := journalLines(t, path); len(lines) != 2 {
		t.Errorf("after compaction the journal has %d lines", len(lines))
	}
	s, err := LoadSeedFile(path)
	if err != nil || indexByID(s.Retirements)[ret.ID] == nil {
		t.Fatalf("the compacted state file lacks the retirement: %v", err)
	}
	ret2 := e.retire(6)
	e2 := newJournalEnv(t, path, Options{})
	ok[client.Retirement](e2.testEnv, "GET", "/retirements/"+ret2.ID, DemoBuyerToken, nil)

	e.reg.AddFault(Fault{Method: "GET", Path: APIPrefix + "/organisation", Status: 503})
	if status, _ := e.raw("POST", HooksPrefix+"/reset", nil, nil); status != 204 {
		t.Fatalf("reset: %d", status)
	}
	if e.snapshotJSON() != mustJSON(DemoSeed()) {
		t.Errorf("reset did not go back to the seed")
	}
	if status, _ := e.call("GET", "/retirements/"+ret.ID, DemoBuyerToken, nil); status != 404 {
		t.Errorf("a retirement survived the reset: %d", status)
	}
	if status, _ := e.call("GET", "/organisation", DemoBuyerToken, nil); status != 503 {
		t.Errorf("the reset removed the faults: %d", status)
	}
	e3 := newJournalEnv(t, path, Options{})
	if e3.snapshotJSON() != mustJSON(DemoSeed()) {
		t.Errorf("after a restart the reset is undone")
	}
	e3.retire(1)
	e3.checkConsistency()
}

// TestMemoryRegistryReset: without a state file, Reset and Compact work in memory.
func TestMemoryRegistryReset(t *testing.T) {
	e := newEnv(t, bigSeed(30))
	want := e.snapshotJSON()
	ok[client.Retirement](e, "POST", "/retirements/from_oldest_credits", DemoBuyerToken, oldestBody(DemoBuyerOrgID, DemoSupplierBID, 5))
	if err := e.reg.Compact(); err != nil {
		t.Fatal(err)
	}
	if err := e.reg.Reset(); err != nil || e.snapshotJSON() != want {
		t.Errorf("reset: %v", err)
	}
	e.checkConsistency()
}

// TestFirstBaseDoesNotBlock: right after New, while the first state file is written in the
// background, a commit and Close wait for it and go on.
func TestFirstBaseDoesNotBlock(t *testing.T) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < 20; i++ {
			path := filepath.Join(t.TempDir(), "state.json")
			reg, err := New(Options{Seed: bigSeed(2000), StatePath: path})
			if err != nil {
				t.Error(err)
				return
			}
			if i%2 == 0 {
				reg.mu.Lock()
				reg.pending.entry.Organisations = []*SeedOrganisation{reg.orgs[DemoBuyerOrgID]}
				err = reg.commit()
				reg.mu.Unlock()
				if err != nil {
					t.Error(err)
				}
			}
			if err := reg.Close(); err != nil {
				t.Error(err)
			}
		}
	}()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("a commit or Close right after New did not return")
	}
}
