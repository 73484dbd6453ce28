package provider

import (
	"fmt"
	"math/big"
	"net/http"
	"sort"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

// Helpers shared by the tests of the transaction data sources (order, delivery, transfer,
// retirement, refund, Stripe configuration, ICR retirements and their lists).

// txBlock renders `data "<typ>" "test" { <body> }`.
func txBlock(typ, body string) string {
	return fmt.Sprintf("\ndata %q \"test\" {\n%s\n}\n", typ, body)
}

// txExpect checks the attribute at path of data.<typ>.test.
func txExpect(typ string, path tfjsonpath.Path, check knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue("data."+typ+".test", path, check)
}

// txPath is tfjsonpath for a top-level attribute followed by nested object keys.
func txPath(name string, keys ...string) tfjsonpath.Path {
	p := tfjsonpath.New(name)
	for _, k := range keys {
		p = p.AtMapKey(k)
	}
	return p
}

// decimal parses an exact decimal for knownvalue.NumberExact.
func txDecimal(t *testing.T, s string) *big.Float {
	t.Helper()
	f := decimalNumber(s)
	if f == nil {
		t.Fatalf("bad decimal %q", s)
	}
	return f
}

// txQuantity expects a {kg, tonnes} object.
func txQuantity(t *testing.T, kg int64, tonnes string) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"kg":     knownvalue.Int64Exact(kg),
		"tonnes": knownvalue.NumberExact(txDecimal(t, tonnes)),
	})
}

// txAPIQuantity expects the {kg, tonnes} object of a quantity as the registry sent it.
func txAPIQuantity(t *testing.T, q client.CreditQuantity) knownvalue.Check {
	return txQuantity(t, q.CreditKgs, q.Credits.String())
}

// txOptString expects a nullable string.
func txOptString(s *string) knownvalue.Check {
	if s == nil {
		return knownvalue.Null()
	}
	return knownvalue.StringExact(*s)
}

// txOrg expects an organisation object as the registry sent it.
func txOrg(o client.Organisation) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"id":     knownvalue.StringExact(o.ID),
		"name":   knownvalue.StringExact(o.Name),
		"domain": txOptString(o.Domain),
	})
}

// txSeedOrg expects the seed's organisation id.
func txSeedOrg(t *testing.T, seed *localregistry.Seed, id string) knownvalue.Check {
	t.Helper()
	o := txFindSeed(t, seed.Organisations, "organisation", id, func(o *localregistry.SeedOrganisation) string { return o.ID })
	return txOrg(client.Organisation{ID: o.ID, Name: o.Name, Domain: o.Domain})
}

// txFindSeed returns the record of the seed with the given id, failing the test if there is none.
func txFindSeed[T any](t *testing.T, items []*T, kind, id string, idOf func(*T) string) *T {
	t.Helper()
	for _, it := range items {
		if idOf(it) == id {
			return it
		}
	}
	t.Fatalf("the demo seed has no %s %s", kind, id)
	return nil
}

// txFindRecord returns the registry record with the given id (from a read-only view of the registry).
func txFindRecord[T any](t *testing.T, items []T, kind, id string, idOf func(T) string) T {
	t.Helper()
	for _, it := range items {
		if idOf(it) == id {
			return it
		}
	}
	t.Fatalf("the local registry has no %s %s", kind, id)
	var zero T
	return zero
}

// creditBatchIDsCheck expects the credit_batches list to hold exactly these batches, in order,
// each as the registry reports it now (id, status, size, owner, and the link to the transaction).
func txCreditBatches(t *testing.T, reg *testRegistry, ids []string, link func(b client.CreditBatch) map[string]knownvalue.Check) knownvalue.Check {
	t.Helper()
	checks := make([]knownvalue.Check, 0, len(ids))
	for _, id := range ids {
		b, ok := reg.Registry.CreditBatch(id)
		if !ok {
			t.Fatalf("the local registry has no credit batch %s", id)
		}
		c := map[string]knownvalue.Check{
			"id":            knownvalue.StringExact(b.ID),
			"serial_number": knownvalue.StringExact(b.SerialNumber),
			"status":        knownvalue.StringExact(string(b.Status)),
			"size":          txAPIQuantity(t, b.Size),
			"issued_at":     knownvalue.StringExact(b.IssuedAt),
			"supplier_id":   knownvalue.StringExact(b.SupplierID),
			"project_id":    knownvalue.StringExact(b.ProjectID),
			"issuance_id":   knownvalue.StringExact(b.IssuanceID),
			"owner":         txOrg(b.Owner),
		}
		for k, v := range link(b) {
			c[k] = v
		}
		checks = append(checks, knownvalue.ObjectPartial(c))
	}
	return knownvalue.ListExact(checks)
}

// txNoWrites fails when the registry received any POST: data sources never write.
func txNoWrites(reg *testRegistry) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if n := reg.Registry.CountRequests(http.MethodPost, ""); n != 0 {
			return fmt.Errorf("data sources sent %d POST requests to the registry, want none", n)
		}
		return nil
	}
}

// txRFC3339 expects want, and checks that it is an RFC 3339 timestamp.
func txRFC3339(want string) knownvalue.Check {
	return knownvalue.StringFunc(func(got string) error {
		if _, err := time.Parse(time.RFC3339, got); err != nil {
			return fmt.Errorf("%q is not an RFC 3339 timestamp: %w", got, err)
		}
		if got != want {
			return fmt.Errorf("got %q, want %q", got, want)
		}
		return nil
	})
}

// txByIDSteps are the error steps every by-ID data source shares: an unknown ID is an error naming
// the ID and the registry the provider is connected to; a malformed ID is rejected statically.
func txByIDSteps(reg *testRegistry, typ, kind, missingID, badID string) []resource.TestStep {
	return []resource.TestStep{
		{
			Config:      reg.ProviderConfig(localregistry.DemoBuyerToken) + txBlock(typ, fmt.Sprintf("id = %q", missingID)),
			ExpectError: errorFor(fmt.Sprintf("Cannot read %s %q", kind, missingID), "404 Not Found", "endpoint "+reg.APIEndpoint),
		},
		{
			Config:      reg.ProviderConfig(localregistry.DemoBuyerToken) + txBlock(typ, fmt.Sprintf("id = %q", badID)),
			ExpectError: errorFor(fmt.Sprintf("Invalid %s ID %q", kind, badID), "starts with", "20 to 37 characters"),
		},
	}
}

// txRFC3339Time expects an RFC 3339 timestamp of the instant want.
func txRFC3339Time(want time.Time) knownvalue.Check {
	return knownvalue.StringFunc(func(got string) error {
		at, err := time.Parse(time.RFC3339, got)
		if err != nil {
			return fmt.Errorf("%q is not an RFC 3339 timestamp: %w", got, err)
		}
		if !at.Equal(want) {
			return fmt.Errorf("got %s, want %s", got, want.Format(time.RFC3339Nano))
		}
		return nil
	})
}

// txExpectAttributes checks top-level attributes of data.<typ>.test, one state check per attribute.
func txExpectAttributes(typ string, checks map[string]knownvalue.Check) []statecheck.StateCheck {
	names := make([]string, 0, len(checks))
	for name := range checks {
		names = append(names, name)
	}
	sort.Strings(names)
	out := make([]statecheck.StateCheck, 0, len(names))
	for _, name := range names {
		out = append(out, txExpect(typ, txPath(name), checks[name]))
	}
	return out
}
