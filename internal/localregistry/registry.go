package localregistry

import (
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// CertificateBaseURL is the base of the `url` of retirements and deliveries.
const CertificateBaseURL = "https://registry.isometric.com"

// Options configure a Registry.
type Options struct {
	Seed      *Seed            // nil = DemoSeed()
	StatePath string           // "" = memory only; else loaded if present (wins over Seed), rewritten atomically after every change
	Now       func() time.Time // optional clock (default time.Now().UTC())
}

// Registry is a local, stateful Isometric Registry. Safe for concurrent use.
type Registry struct {
	mu        sync.Mutex // guards st and the indexes
	st        *Seed
	statePath string
	now       func() time.Time

	seedIndex                          // the records of st by ID
	tokens    map[string]string        // bearer token -> organisation
	supByOrg  map[string]*SeedSupplier // organisation -> its supplier

	hooks hooks
}

// New builds a registry from opts.Seed (DemoSeed() when nil), or from the state file when
// opts.StatePath names an existing file.
func New(opts Options) (*Registry, error) {
	r := &Registry{statePath: opts.StatePath, now: opts.Now}
	if r.now == nil {
		r.now = func() time.Time { return time.Now().UTC() }
	}
	var st *Seed
	if opts.StatePath != "" {
		s, err := LoadSeedFile(opts.StatePath)
		switch {
		case err == nil:
			st = s
		case errors.Is(err, fs.ErrNotExist):
		default:
			return nil, fmt.Errorf("load state: %w", err)
		}
	}
	if st == nil {
		seed := opts.Seed
		if seed == nil {
			seed = DemoSeed()
		}
		if err := seed.Validate(); err != nil {
			return nil, err
		}
		st = seed.Clone()
	}
	r.st = st
	r.index()
	if opts.StatePath != "" {
		if err := r.persist(); err != nil {
			return nil, err
		}
	}
	return r, nil
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
}

// persist writes the state file atomically: a temporary file in the same directory, synced, then
// renamed over the state file. Caller holds r.mu.
func (r *Registry) persist() error {
	if r.statePath == "" {
		return nil
	}
	b, err := json.MarshalIndent(r.st, "", "  ")
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(r.statePath), ".localregistry-state-*")
	if err != nil {
		return fmt.Errorf("write state: %w", err)
	}
	_, err = f.Write(append(b, '\n'))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), r.statePath)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("write state: %w", err)
	}
	return nil
}

// Snapshot returns a deep copy of the current state in seed format.
func (r *Registry) Snapshot() *Seed {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.st.Clone()
}

// nowUTC is the commit time of a transaction: UTC, microsecond precision (like the real API), so
// that "created after I sent the request" comparisons by clients work.
func (r *Registry) nowUTC() time.Time { return r.now().UTC().Truncate(time.Microsecond) }

const idAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// newID returns prefix + "1" + 15 random characters (20 in all after a four-character prefix such
// as "ret_"), unique in the registry. Caller holds r.mu.
func (r *Registry) newID(prefix string) string {
	for {
		b := make([]byte, 16)
		b[0] = '1'
		for i := 1; i < 16; i++ {
			n, err := rand.Int(rand.Reader, big.NewInt(int64(len(idAlphabet))))
			if err != nil {
				panic(err)
			}
			b[i] = idAlphabet[n.Int64()]
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
