package provider

import (
	"fmt"
	"sort"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

// balanceFields computes an organisation's credit balance from the seed: its batches that are
// not split, active or retired, in total and per supplier, project and order (sorted by ID).
func balanceFields(x *seedIndex, org string) map[string]knownvalue.Check {
	type acc struct{ active, retired int64 }
	var total acc
	by := map[string]map[string]*acc{"supplier_id": {}, "project_id": {}, "order_id": {}}
	add := func(a *acc, b *localregistry.SeedCreditBatch) {
		if b.Status == client.CreditBatchStatusActive {
			a.active += b.SizeKg
		} else {
			a.retired += b.SizeKg
		}
	}
	for _, id := range x.batchesOf(org, notSplit) {
		b := x.batches[id]
		is := x.issuances[b.IssuanceID]
		add(&total, b)
		for key, k := range map[string]string{"supplier_id": is.SupplierID, "project_id": is.ProjectID, "order_id": x.batchOrder(b)} {
			if k == "" {
				continue
			}
			if by[key][k] == nil {
				by[key][k] = &acc{}
			}
			add(by[key][k], b)
		}
	}
	balance := func(a acc) map[string]knownvalue.Check {
		return map[string]knownvalue.Check{"active": quantityCheck(a.active), "retired": quantityCheck(a.retired)}
	}
	list := func(key string) knownvalue.Check {
		ids := make([]string, 0, len(by[key]))
		for id := range by[key] {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		elems := make([]map[string]knownvalue.Check, 0, len(ids))
		for _, id := range ids {
			e := balance(*by[key][id])
			e[key] = knownvalue.StringExact(id)
			elems = append(elems, e)
		}
		return objectsExact(elems...)
	}
	return map[string]knownvalue.Check{
		"organisation_id":   knownvalue.StringExact(org),
		"total":             knownvalue.ObjectExact(balance(total)),
		"supplier_balances": list("supplier_id"),
		"project_balances":  list("project_id"),
		"order_balances":    list("order_id"),
	}
}

func TestAccDataSourceCreditBalance(t *testing.T) {
	reg := newTestRegistry(t, nil)
	x := reg.seed
	// The demo buyer's balance as demo_ids.go documents it: active A1 5 000 + 12 500, A2 10 000,
	// B1 20 000 + 7 250 + split child 2 000 + refunded 500; retired A1 2 000 + split child 1 000.
	const buyerActive, buyerRetired = 57250, 3000
	supplierA := x.batchesOf(localregistry.DemoBuyerOrgID, func(b *localregistry.SeedCreditBatch, is *localregistry.SeedIssuance) bool {
		return b.Status == client.CreditBatchStatusActive && is.SupplierID == localregistry.DemoSupplierAID
	})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// Another organisation's balance: the registry refuses (403).
				Config: reg.ProviderConfig(localregistry.DemoBuyerToken) + fmt.Sprintf(`data "isometric_credit_balance" "x" {
  organisation_id = %q
}`, localregistry.DemoSupplierAOrgID),
				ExpectError: errorText(fmt.Sprintf(`Cannot read the credit balance of organisation %q`, localregistry.DemoSupplierAOrgID), `403`, `forbidden`),
			},
			{
				Config: reg.ProviderConfig(localregistry.DemoBuyerToken) + fmt.Sprintf(`data "isometric_credit_balance" "x" {
  organisation_id = %q
}`, localregistry.DemoSupplierAID),
				ExpectError: errorText(fmt.Sprintf(`Invalid organisation ID %q`, localregistry.DemoSupplierAID), `an organisation ID starts with "org_"`),
			},
			{
				Config: reg.ProviderConfig(localregistry.DemoBuyerToken) + fmt.Sprintf(`
data "isometric_credit_balance" "mine" {}
data "isometric_credit_balance" "explicit" {
  organisation_id = %q
}`, localregistry.DemoBuyerOrgID),
				ConfigStateChecks: append(append(
					expectFields("data.isometric_credit_balance.mine", balanceFields(x, localregistry.DemoBuyerOrgID)),
					expectFields("data.isometric_credit_balance.explicit", balanceFields(x, localregistry.DemoBuyerOrgID))...),
					statecheck.ExpectKnownValue("data.isometric_credit_balance.mine", tfjsonpath.New("total"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"active": quantityCheck(buyerActive), "retired": quantityCheck(buyerRetired),
					})),
					statecheck.ExpectKnownValue("data.isometric_credit_balance.mine", tfjsonpath.New("supplier_balances").AtSliceIndex(0), knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"supplier_id": knownvalue.StringExact(localregistry.DemoSupplierAID),
						"active":      quantityCheck(x.sumKg(t, supplierA)),
					})),
				),
				Check: reg.expectPOSTs("", 0),
			},
			{
				// Supplier A's own organisation: its undelivered batches.
				Config:            reg.ProviderConfig(localregistry.DemoSupplierAToken) + `data "isometric_credit_balance" "mine" {}`,
				ConfigStateChecks: expectFields("data.isometric_credit_balance.mine", balanceFields(x, localregistry.DemoSupplierAOrgID)),
			},
		},
	})
}
