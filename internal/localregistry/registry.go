package localregistry

import (
	"crypto/rand"
	"log"
	"sync"
	"time"
)

// CertificateBaseURL is the base of the `url` of retirements and deliveries:
// CertificateBaseURL + "/" + the record's ID, as the real registry answers.
const CertificateBaseURL = "https://to.isometric.com"

// Options configure a Registry.
type Options struct {
	// Seed is the world to start from (nil = DemoSeed()), and to go back to on Reset. The registry
	// works on copies and never changes it; a Seed changed after New is what Reset then copies.
	Seed *Seed
	// StatePath is "" for a registry in memory only. Otherwise it names the state file: loaded if
	// present (it wins over Seed) with its journal (StatePath + ".journal") replayed over it, and
	// every committed change is appended to the journal before it is answered (README.md,
	// "Persistence").
	StatePath string
	// Reset, with StatePath, starts from Seed: the state file is rewritten from it and a new
	// journal started, whatever they held.
	Reset bool
	Now   func() time.Time // optional clock (default time.Now().UTC())
	// Logf receives warnings (a torn journal line cut off, a stale journal not replayed); default
	// log.Printf.
	Logf func(format string, args ...any)
}

// Registry is a local, stateful Isometric Registry. Safe for concurrent use.
type Registry struct {
	// mu guards st, the indexes and pending: read-locked by the GETs, write-locked by whatever
	// changes the state.
	mu      sync.RWMutex
	st      *Seed
	seed    *Seed // Options.Seed: what Reset goes back to (copied, never changed)
	journal *journal
	now     func() time.Time
	logf    func(format string, args ...any)

	seedIndex                          // the records of st by ID
	tokens    map[string]string        // bearer token -> organisation
	supByOrg  map[string]*SeedSupplier // organisation -> its supplier
	batchIndex
	sortedLists
	pending changes // of the transaction in progress

	hooks hooks
}

// New builds a registry from opts.Seed (DemoSeed() when nil), or from the state file and its
// journal when opts.StatePath names an existing file.
func New(opts Options) (*Registry, error) {
	r := &Registry{now: opts.Now, logf: opts.Logf}
	if r.now == nil {
		r.now = func() time.Time { return time.Now().UTC() }
	}
	if r.logf == nil {
		r.logf = log.Printf
	}
	seed := opts.Seed
	if seed == nil {
		seed = DemoSeed()
	}
	r.seed = seed
	var err error
	switch {
	case opts.StatePath == "":
		r.st, err = r.freshState()
	case opts.Reset:
		if r.st, err = r.freshState(); err == nil {
			r.journal = resetJournal(opts.StatePath, r.logf)
		}
	default:
		r.st, r.journal, err = openJournal(opts.StatePath, r.freshState, r.logf)
	}
	if err != nil {
		return nil, err
	}
	r.index()
	if r.journal != nil && r.journal.needsBase {
		// The state is written out while the registry serves, read-locked (changes could not be
		// journaled before it anyway). The lock is taken here, before anything can wait for the
		// base under the write lock.
		r.mu.RLock()
		go func() {
			defer r.mu.RUnlock()
			r.journal.writeBase(r.st)
		}()
	}
	return r, nil
}

// freshState is a new copy of the seed, once it is known to be valid.
func (r *Registry) freshState() (*Seed, error) {
	if err := r.seed.Validate(); err != nil {
		return nil, err
	}
	return r.seed.Clone(), nil
}

// index builds the indexes of the state; new records join them as they are inserted.
func (r *Registry) index() {
	s := r.st
	r.seedIndex = indexSeed(s)
	r.tokens = map[string]string{}
	for _, t := range s.Tokens {
		r.tokens[t.Token] = t.OrganisationID
	}
	r.supByOrg = map[string]*SeedSupplier{}
	for _, x := range s.Suppliers {
		r.supByOrg[x.OrganisationID] = x
	}
	r.buildBatchIndex()
	r.buildSortedLists()
	r.pending = changes{}
}

// Reset puts the registry back to its seed (README.md, "A shared sandbox"): with a state file,
// the state file is rewritten from the seed and a new journal started. The request log and the
// faults are kept.
func (r *Registry) Reset() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	st, err := r.freshState()
	if err != nil {
		return err
	}
	if r.journal != nil {
		if err := r.journal.rebase(st); err != nil {
			return err
		}
	}
	r.st = st
	r.index()
	return nil
}

// Compact rewrites the state file from the current state and starts a new, empty journal (no-op
// without a state file). Requests wait while it runs.
func (r *Registry) Compact() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.journal == nil {
		return nil
	}
	return r.journal.rebase(r.st)
}

// Close waits for the requests held by a CommitAfter fault to commit, then closes the journal.
// The registry must not be used afterwards.
func (r *Registry) Close() error {
	r.hooks.late.Wait()
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.journal == nil {
		return nil
	}
	return r.journal.close()
}

// Snapshot returns a deep copy of the current state in seed format.
func (r *Registry) Snapshot() *Seed {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.st.Clone()
}

// changes are the records the transaction in progress created or changed, for its journal entry.
type changes struct {
	entry journalEntry
	seen  map[string]bool
}

// changed notes that the transaction in progress created or changed x, a record of the
// collection list of r.pending.entry. Caller holds r.mu for writing.
func changed[P seedRecord](r *Registry, list *[]P, x P) {
	if r.pending.seen == nil {
		r.pending.seen = map[string]bool{}
	}
	if !r.pending.seen[x.seedID()] {
		r.pending.seen[x.seedID()] = true
		*list = append(*list, x)
	}
}

// commit ends the transaction in progress: with a state file its changes are appended to the
// journal (the answer waits until they are on disk: wrap). 500 when they cannot be written (the
// change stays in memory). Caller holds r.mu for writing.
func (r *Registry) commit() error {
	e := r.pending.entry
	r.pending = changes{}
	if r.journal == nil || e.empty() {
		return nil
	}
	e.At = r.nowUTC()
	if _, err := r.journal.append(&e); err != nil {
		return persistError(err)
	}
	return nil
}

// durable waits until every committed change the caller may have seen is on disk. need is what
// lastCommitted said while the caller held r.mu.
func (r *Registry) durable(need int64) error {
	if r.journal == nil {
		return nil
	}
	return r.journal.waitDurable(need)
}

// lastCommitted is the number of the last journal entry written. Caller holds r.mu.
func (r *Registry) lastCommitted() int64 {
	if r.journal == nil {
		return 0
	}
	return r.journal.last()
}

// nowUTC is the commit time of a transaction: UTC, microsecond precision (like the real API), so
// that "created after I sent the request" comparisons by clients work.
func (r *Registry) nowUTC() time.Time { return r.now().UTC().Truncate(time.Microsecond) }

const idAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// newID returns prefix + "1" + 15 random characters (20 in all after a four-character prefix such
// as "ret_"), unique in the registry. Caller holds r.mu for writing.
func (r *Registry) newID(prefix string) string {
	for {
		b := make([]byte, 16)
		if _, err := rand.Read(b[1:]); err != nil {
			panic(err)
		}
		b[0] = '1'
		for i := 1; i < 16; i++ {
			b[i] = idAlphabet[b[i]%byte(len(idAlphabet))] // 256 is a multiple of 32: uniform
		}
		id := prefix + string(b)
		if !r.has(id) {
			return id
		}
	}
}

// stripeConfig is the Stripe configuration of a supplier (nil if it has none). Caller holds r.mu.
func (r *Registry) stripeConfig(supplierID string) *SeedStripeConfiguration {
	for _, x := range r.st.StripeConfigurations {
		if x.SupplierID == supplierID {
			return x
		}
	}
	return nil
}
