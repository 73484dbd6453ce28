package provider

import (
	"testing"
)

func TestTxPagedSeedIsValid(t *testing.T) {
	s := pagedSeed(t, pagedTransactions)
	if got := len(s.Retirements); got < pagedCount {
		t.Fatalf("pagedSeed(pagedTransactions) has %d retirements, want at least %d", got, pagedCount)
	}
}
