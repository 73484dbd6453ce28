package localregistry

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Persistence (README.md, "Persistence"): the state file holds a base state in the seed format;
// the journal beside it (state file + ".journal") holds one JSON line per committed transaction,
// appended and synced before the transaction is answered. On start the journal is replayed over
// the base. Compaction and reset rewrite the base and start a new journal.
//
// The journal's first line names the base it continues (the state file's size and CRC-32C), so that a
// journal left behind by a crash in the middle of a compaction or a reset, whose content the new
// base already holds or deliberately drops, is recognised and not replayed over the new base.

// journalSuffix is appended to the state file's path to name the journal.
const journalSuffix = ".journal"

// journalHeader is the first line of a journal.
type journalHeader struct {
	Journal int    `json:"localregistry_journal"` // format version, 1
	State   string `json:"state"`                 // the state file the journal continues: stateID
}

// journalEntry is one committed transaction: the records it created or changed, each in full.
// Replaying it puts every record in place of the one with the same ID, or appends it.
type journalEntry struct {
	At            time.Time           `json:"at"`
	Organisations []*SeedOrganisation `json:"organisations,omitempty"`
	CreditBatches []*SeedCreditBatch  `json:"credit_batches,omitempty"`
	Orders        []*SeedOrder        `json:"orders,omitempty"`
	Deliveries    []*SeedDelivery     `json:"deliveries,omitempty"`
	Retirements   []*SeedRetirement   `json:"retirements,omitempty"`
	Transfers     []*SeedTransfer     `json:"transfers,omitempty"`
}

func (e *journalEntry) empty() bool {
	return len(e.Organisations)+len(e.CreditBatches)+len(e.Orders)+len(e.Deliveries)+len(e.Retirements)+len(e.Transfers) == 0
}

// journal is the open journal of a registry. Lines are appended under the registry's write lock;
// syncing is shared: a request waits (waitDurable) until a sync covers the last entry it could
// see, and one waiter syncs for all that were appended by then.
type journal struct {
	statePath, path string
	logf            func(format string, args ...any)
	ready           chan struct{} // closed once the state file and the journal are in place
	needsBase       bool          // the state file is still to be written (writeBase)

	mu       sync.Mutex
	cond     *sync.Cond
	f        *os.File
	size     int64 // bytes in the file
	appended int64 // entries appended since open (never reset, so waits survive compactions)
	synced   int64 // entries known to be on disk
	syncing  bool
	err      error // a failed write or sync: every later commit fails until the next rewrite
}

// persistError is the 500 of a transaction that is in memory but could not be made durable.
func persistError(err error) error {
	return detail(500, "state committed in memory but not persisted: %v", err)
}

// openJournal loads the state of statePath: the state file with the journal replayed over it, or,
// when there is no state file, seed, which the caller then writes there (needsBase, writeBase).
// A torn last journal line is cut off with a warning; any other damage is an error naming the
// file, the line and the way out.
func openJournal(statePath string, seed func() (*Seed, error), logf func(string, ...any)) (*Seed, *journal, error) {
	j := newJournal(statePath, logf)
	raw, err := os.ReadFile(statePath)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		st, err := seed()
		if err != nil {
			return nil, nil, err
		}
		if _, err := os.Stat(j.path); err == nil {
			logf("localregistry: WARNING: journal %s has no state file %s to continue; starting from the seed with a new journal", j.path, statePath)
		}
		j.needsBase = true
		return st, j, nil
	case err != nil:
		return nil, nil, fmt.Errorf("load state: %w", err)
	}
	defer close(j.ready)
	st, err := decodeSeed(raw)
	if err != nil {
		return nil, nil, fmt.Errorf("load state: state file %s: %w", statePath, err)
	}
	sum := stateID(raw)
	replayed, err := j.replay(st, sum)
	if err != nil {
		return nil, nil, err
	}
	if err := st.Validate(); err != nil {
		if replayed > 0 {
			return nil, nil, fmt.Errorf("load state: %s with the %d transactions of journal %s: %w", statePath, replayed, j.path, err)
		}
		return nil, nil, fmt.Errorf("load state: state file %s: %w", statePath, err)
	}
	if err := j.openAppend(sum); err != nil {
		return nil, nil, err
	}
	return st, j, nil
}

// writeBase makes st the first base of a journal that needsBase: the state file is written from
// it and a new journal started. The registry runs it in the background, so that a large world
// starts serving at once; commits, compactions and closing wait for it (awaitBase). If it fails,
// every commit fails with its error.
func (j *journal) writeBase(st *Seed) {
	defer close(j.ready)
	if err := j.rewrite(st); err != nil {
		j.logf("localregistry: ERROR: %v; changes will not be persisted", err)
		j.mu.Lock()
		j.err = err
		j.mu.Unlock()
	}
}

// awaitBase waits until the journal has its base (writeBase).
func (j *journal) awaitBase() { <-j.ready }

// stateID names the content of a state file: its size and CRC-32C (Castagnoli, computed by the
// CPU: a large state file is read at start, and this must not slow that down).
func stateID(b []byte) string {
	return formatStateID(int64(len(b)), crc32.Checksum(b, castagnoli))
}

func formatStateID(size int64, crc uint32) string { return fmt.Sprintf("%d-%08x", size, crc) }

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// replay applies the journal's entries to st when the journal continues the state file whose
// stateID is sum, and returns how many it applied.
func (j *journal) replay(st *Seed, sum string) (int, error) {
	b, err := os.ReadFile(j.path)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("read journal: %w", err)
	}
	complete := bytes.LastIndexByte(b, '\n') + 1
	if complete < len(b) {
		torn := bytes.Count(b[:complete], []byte{'\n'}) + 1
		j.logf("localregistry: WARNING: journal %s: line %d is torn (%d bytes without an end of line, written when the process stopped "+
			"in the middle of a commit, which was therefore never answered); cutting it off", j.path, torn, len(b)-complete)
		if err := truncateSync(j.path, int64(complete)); err != nil {
			return 0, fmt.Errorf("journal %s: cutting off the torn line %d: %w", j.path, torn, err)
		}
		b = b[:complete]
	}
	if len(b) == 0 {
		return 0, nil
	}
	lines := bytes.Split(b[:len(b)-1], []byte{'\n'})
	var h journalHeader
	if err := json.Unmarshal(lines[0], &h); err != nil || h.Journal != 1 {
		return 0, fmt.Errorf("journal %s line 1: not a local registry journal header; move the file away to start from the state file %s alone", j.path, j.statePath)
	}
	if h.State != sum {
		j.logf("localregistry: WARNING: journal %s continues another state file than %s (a compaction or a reset rewrote the state file and "+
			"stopped before starting a new journal; the state file holds what it must); not replaying it", j.path, j.statePath)
		return 0, nil
	}
	at := newUpserter(st)
	for i, text := range lines[1:] {
		line := i + 2
		var e journalEntry
		dec := json.NewDecoder(bytes.NewReader(text))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&e); err != nil || e.At.IsZero() {
			if err == nil {
				err = errors.New("no commit time")
			}
			return 0, fmt.Errorf("journal %s line %d: %v; the journal is damaged: restore it from a backup, or delete line %d and the lines "+
				"after it (losing the transactions they hold), or start again from the seed with -reset", j.path, line, err, line)
		}
		at.apply(&e)
	}
	return len(lines) - 1, nil
}

// upserter applies journal entries to a state: a record replaces the one with the same ID, or is
// appended.
type upserter struct {
	st  *Seed
	pos map[string]int // ID -> index in its collection
}

func newUpserter(st *Seed) *upserter {
	u := &upserter{st: st, pos: map[string]int{}}
	index := func(ids func(int) string, n int) {
		for i := range n {
			u.pos[ids(i)] = i
		}
	}
	index(func(i int) string { return st.Organisations[i].ID }, len(st.Organisations))
	index(func(i int) string { return st.CreditBatches[i].ID }, len(st.CreditBatches))
	index(func(i int) string { return st.Orders[i].ID }, len(st.Orders))
	index(func(i int) string { return st.Deliveries[i].ID }, len(st.Deliveries))
	index(func(i int) string { return st.Retirements[i].ID }, len(st.Retirements))
	index(func(i int) string { return st.Transfers[i].ID }, len(st.Transfers))
	return u
}

func (u *upserter) apply(e *journalEntry) {
	upsert(u, &u.st.Organisations, e.Organisations)
	upsert(u, &u.st.CreditBatches, e.CreditBatches)
	upsert(u, &u.st.Orders, e.Orders)
	upsert(u, &u.st.Deliveries, e.Deliveries)
	upsert(u, &u.st.Retirements, e.Retirements)
	upsert(u, &u.st.Transfers, e.Transfers)
}

// upsert puts each record of xs in place of the record of list with its ID, or appends it. IDs are
// unique across collections, so one position map serves them all.
func upsert[P seedRecord](u *upserter, list *[]P, xs []P) {
	var null P
	for _, x := range xs {
		if x == null {
			continue
		}
		if i, ok := u.pos[x.seedID()]; ok && i < len(*list) && (*list)[i].seedID() == x.seedID() {
			(*list)[i] = x
			continue
		}
		u.pos[x.seedID()] = len(*list)
		*list = append(*list, x)
	}
}

// openAppend opens the journal for appending; a journal that does not continue the state file
// whose stateID is sum (or none) is replaced by a new one that does.
func (j *journal) openAppend(sum string) error {
	if !j.continues(sum) {
		if err := j.create(sum); err != nil {
			return err
		}
	}
	f, err := os.OpenFile(j.path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return fmt.Errorf("open journal: %w", err)
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return fmt.Errorf("open journal: %w", err)
	}
	j.mu.Lock()
	j.f, j.size = f, info.Size()
	j.mu.Unlock()
	return nil
}

// continues reports whether the journal file's header names the state file whose stateID is sum.
func (j *journal) continues(sum string) bool {
	f, err := os.Open(j.path)
	if err != nil {
		return false
	}
	defer f.Close()
	line, err := bufio.NewReader(f).ReadBytes('\n')
	var h journalHeader
	return err == nil && json.Unmarshal(line, &h) == nil && h.Journal == 1 && h.State == sum
}

// create atomically replaces the journal by one holding only the header for the state file whose
// stateID is sum.
func (j *journal) create(sum string) error {
	line, _ := json.Marshal(journalHeader{Journal: 1, State: sum})
	err := writeFileSync(j.path, ".localregistry-journal-*", func(w io.Writer) error {
		_, err := w.Write(append(line, '\n'))
		return err
	})
	if err != nil {
		return fmt.Errorf("write journal: %w", err)
	}
	return nil
}

// append writes one entry; the caller holds the registry's write lock, which orders the entries.
// It returns the entry's number, for waitDurable.
func (j *journal) append(e *journalEntry) (int64, error) {
	j.awaitBase()
	line, err := json.Marshal(e)
	if err != nil {
		return 0, err
	}
	line = append(line, '\n')
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.err != nil {
		return 0, j.err
	}
	if n, err := j.f.Write(line); err != nil {
		// Take back a partial line, so that the next entry does not follow a torn one.
		if n > 0 {
			if terr := j.f.Truncate(j.size); terr != nil {
				j.err = fmt.Errorf("journal %s: a write failed (%v) and its partial line could not be removed (%v)", j.path, err, terr)
				return 0, j.err
			}
		}
		return 0, fmt.Errorf("journal %s: %w", j.path, err)
	}
	j.size += int64(len(line))
	j.appended++
	return j.appended, nil
}

// last is the number of the last entry appended.
func (j *journal) last() int64 {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.appended
}

// waitDurable returns once entry n and all before it are on disk (or the sync failed).
func (j *journal) waitDurable(n int64) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	for j.synced < n && j.err == nil {
		if j.syncing {
			j.cond.Wait()
			continue
		}
		j.syncing = true
		target, f := j.appended, j.f
		j.mu.Unlock()
		var err error
		if f != nil { // nil while rewrite swaps the files, having synced all there was
			err = f.Sync()
		}
		j.mu.Lock()
		j.syncing = false
		if err != nil {
			j.err = fmt.Errorf("journal %s: sync: %w", j.path, err)
		} else if target > j.synced {
			j.synced = target
		}
		j.cond.Broadcast()
	}
	return j.err
}

// rebase makes st the new base (rewrite) once the journal has its first one. The caller holds
// the registry's write lock.
func (j *journal) rebase(st *Seed) error {
	j.awaitBase()
	return j.rewrite(st)
}

// rewrite makes st the new base: the state file is rewritten atomically, then a new journal is
// started for it.
func (j *journal) rewrite(st *Seed) error {
	if err := j.waitDurable(j.last()); err != nil {
		j.logf("localregistry: WARNING: %v; rewriting the state file from memory", err)
	}
	sum, err := writeState(j.statePath, st)
	if err != nil {
		return err
	}
	if err := j.create(sum); err != nil {
		// The state file is the new base, but the journal still continues the old one: appending
		// to it would lose the entries at the next start.
		j.mu.Lock()
		j.err = err
		j.mu.Unlock()
		return err
	}
	j.mu.Lock()
	old := j.f
	j.f, j.err = nil, nil
	j.mu.Unlock()
	if old != nil {
		old.Close()
	}
	if err := j.openAppend(sum); err != nil {
		j.mu.Lock()
		j.err = err
		j.mu.Unlock()
		return err
	}
	return nil
}

// close syncs and closes the journal file.
func (j *journal) close() error {
	j.awaitBase()
	err := j.waitDurable(j.last())
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.f != nil {
		if cerr := j.f.Close(); err == nil {
			err = cerr
		}
		j.f = nil
	}
	if j.err == nil {
		j.err = errors.New("journal closed")
	}
	return err
}

// writeState writes st to path atomically in the seed format and returns its stateID.
func writeState(path string, st *Seed) (string, error) {
	crc := crc32.New(castagnoli)
	var size int64
	err := writeFileSync(path, ".localregistry-state-*", func(f io.Writer) error {
		bw := bufio.NewWriterSize(io.MultiWriter(f, crc, writeCounter{&size}), 1<<20)
		if err := encodeSeed(bw, st); err != nil {
			return err
		}
		return bw.Flush()
	})
	if err != nil {
		return "", fmt.Errorf("write state: %w", err)
	}
	return formatStateID(size, crc.Sum32()), nil
}

// writeCounter counts the bytes written to it.
type writeCounter struct{ n *int64 }

func (c writeCounter) Write(p []byte) (int, error) {
	*c.n += int64(len(p))
	return len(p), nil
}

// writeFileSync replaces path by a file that write fills: a temporary file in the same
// directory, synced, renamed over path, and the directory synced, so that either the old or the
// new file survives a crash.
func writeFileSync(path, pattern string, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return err
	}
	err = write(f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		return err
	}
	return syncDir(dir)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

func truncateSync(path string, size int64) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Truncate(size); err != nil {
		return err
	}
	return f.Sync()
}

// resetJournal is a journal that starts the state of statePath afresh, whatever the state file and
// the journal held: its base is still to be written (writeBase).
func resetJournal(statePath string, logf func(string, ...any)) *journal {
	j := newJournal(statePath, logf)
	j.needsBase = true
	return j
}

func newJournal(statePath string, logf func(string, ...any)) *journal {
	j := &journal{statePath: statePath, path: statePath + journalSuffix, logf: logf, ready: make(chan struct{})}
	j.cond = sync.NewCond(&j.mu)
	return j
}
