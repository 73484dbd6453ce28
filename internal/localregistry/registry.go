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

	orgs        map[string]*SeedOrganisation
	tokens      map[string]string
	suppliers   map[string]*SeedSupplier
	supByOrg    map[string]*SeedSupplier
	projects    map[string]*SeedProject
	issuances   map[string]*SeedIssuance
	batches     map[string]*SeedCreditBatch
	orders      map[string]*SeedOrder
	deliveries  map[string]*SeedDelivery
	retirements map[string]*SeedRetirement
	transfers   map[string]*SeedTransfer
	refunds     map[string]*SeedRefund

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

func (r *Registry) index() {
	s := r.st
	r.orgs = indexByID(s.Organisations)
	r.tokens = map[string]string{}
	for _, t := range s.Tokens {
		r.tokens[t.Token] = t.OrganisationID
	}
	r.suppliers = indexByID(s.Suppliers)
	r.supByOrg = map[string]*SeedSupplier{}
	for _, x := range s.Suppliers {
		r.supByOrg[x.OrganisationID] = x
	}
	r.projects = indexByID(s.Projects)
	r.issuances = indexByID(s.Issuances)
	r.batches = indexByID(s.CreditBatches)
	r.orders = indexByID(s.Orders)
	r.deliveries = indexByID(s.Deliveries)
	r.retirements = indexByID(s.Retirements)
	r.transfers = indexByID(s.Transfers)
	r.refunds = indexByID(s.Refunds)
}

// persist writes the state file atomically (temp file + rename). Caller holds r.mu.
func (r *Registry) persist() error {
	if r.statePath == "" {
		return nil
	}
	b, err := json.MarshalIndent(r.st, "", "  ")
	if err != nil {
		return err
	}
	dir := filepath.Dir(r.statePath)
	f, err := os.CreateTemp(dir, ".localregistry-state-*")
	if err != nil {
		return fmt.Errorf("write state: %w", err)
	}
	tmp := f.Name()
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("write state: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("write state: %w", err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write state: %w", err)
	}
	if err := os.Rename(tmp, r.statePath); err != nil {
		os.Remove(tmp)
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

// newID returns prefix + 16 random characters (20 in all), unique in the registry. Caller holds r.mu.
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
		if !r.idUsed(id) {
			return id
		}
	}
}

func (r *Registry) idUsed(id string) bool {
	if r.orgs[id] != nil || r.suppliers[id] != nil || r.projects[id] != nil || r.issuances[id] != nil ||
		r.batches[id] != nil || r.orders[id] != nil || r.deliveries[id] != nil || r.retirements[id] != nil ||
		r.transfers[id] != nil || r.refunds[id] != nil {
		return true
	}
	return false
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
