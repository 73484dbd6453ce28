// Package ledger is the model of a plan as a whole: what every planned operation claims of an
// owner's credits, of an order and of the registry's unique names, and whether those claims fit
// together in every order Terraform may run the operations. It also holds the one fingerprint of
// a transaction that renames, repeats and discovery compare (fingerprint.go).
//
// It knows nothing of Terraform, of the plugin framework or of HTTP: the provider translates
// configurations and registry reads into claims, and the conflicts this package returns into
// diagnostics.
//
// The verdict is a function of the set of claims, not of the order they arrive in: every check
// runs over the whole set, and every condition is monotone (adding a claim never makes a refused
// set acceptable). So a configuration is accepted exactly when its whole claim set is, whichever
// resource Terraform plans first. See check.go for the conditions and why they are sound.
package ledger

import (
	"slices"
	"sync"
)

// Ledger holds the accepted claims of one walk (a plan, or an apply). Safe for concurrent use.
type Ledger struct {
	mu     sync.Mutex
	claims []*Claim
}

// Claim adds c when the whole claim set with c fits in every order. Otherwise it returns the
// conflicts c takes part in, and the ledger is unchanged.
func (l *Ledger) Claim(c *Claim) []Conflict {
	l.mu.Lock()
	defer l.mu.Unlock()
	all := append(slices.Clip(l.claims), c)
	var mine []Conflict
	for _, x := range Check(all) {
		// The accepted set fitted on its own, so every conflict of the new set involves c; the
		// filter only matters when snapshots of the registry changed between claims (an apply).
		if slices.Contains(x.Claims, c) {
			mine = append(mine, x)
		}
	}
	if len(mine) == 0 {
		l.claims = all
	}
	return mine
}

// Release removes one accepted claim with this key: its operation ran, and the registry, read
// again after it, now shows its effect.
func (l *Ledger) Release(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for i, c := range l.claims {
		if c.Key == key {
			l.claims = slices.Delete(slices.Clone(l.claims), i, i+1)
			return
		}
	}
}

// Claims returns the accepted claims (a copy of the list; the claims are shared).
func (l *Ledger) Claims() []*Claim {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.claims)
}
