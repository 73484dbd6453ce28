package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

func TestAccDataSourceRetirement(t *testing.T) {
	const typ = "isometric_retirement"
	seed := localregistry.DemoSeed()
	reg := newTestRegistry(t, seed.Clone())
	want := txFindRecord(t, reg.Registry.AllRetirements(), "retirement", localregistry.DemoRetirementID, func(r client.Retirement) string { return r.ID })
	seeded := txFindSeed(t, seed.Retirements, "retirement", localregistry.DemoRetirementID, func(r *localregistry.SeedRetirement) string { return r.ID })

	purposes := make([]knownvalue.Check, 0, len(want.Purposes))
	for _, p := range want.Purposes {
		purposes = append(purposes, knownvalue.StringExact(string(p)))
	}
	txByIDTest(t, reg, typ, "retirement", "ret_1NOSUCHRETIREMENT", "ret_123",
		txReadStep(reg, typ, localregistry.DemoRetirementID,
			txExpect(typ, txPath("id"), knownvalue.StringExact(localregistry.DemoRetirementID)),
			// The buyer retired DemoBatchA1Retired (2 000 kg) for itself.
			txExpect(typ, txPath("owner", "id"), knownvalue.StringExact(localregistry.DemoBuyerOrgID)),
			txExpect(typ, txPath("beneficiary", "id"), knownvalue.StringExact(localregistry.DemoBuyerOrgID)),
			txExpect(typ, txPath("owner"), txSeedOrg(t, seed, localregistry.DemoBuyerOrgID)),
			txExpect(typ, txPath("beneficiary"), txOrg(want.Beneficiary)),
			txExpect(typ, txPath("credit_batch_size_total"), txQuantity(t, 2000, "2")),
			txExpect(typ, txPath("retired_at"), txRFC3339(want.RetiredAt)),
			txExpect(typ, txPath("url"), knownvalue.StringExact(want.URL)),
			txExpect(typ, txPath("notes"), txOptString(seeded.Notes)),
			txExpect(typ, txPath("purposes"), knownvalue.ListExact(purposes)),
			txExpect(typ, txPath("credit_batches"), txCreditBatches(t, reg, []string{localregistry.DemoBatchA1Retired},
				func(b client.CreditBatch) map[string]knownvalue.Check {
					return map[string]knownvalue.Check{
						"status":        knownvalue.StringExact("retired"),
						"retirement_id": knownvalue.StringExact(localregistry.DemoRetirementID),
						"retired_at":    knownvalue.StringExact(want.RetiredAt),
						"beneficiary":   txOrg(want.Beneficiary),
						"size":          txQuantity(t, 2000, "2"),
						"supplier_id":   knownvalue.StringExact(localregistry.DemoSupplierAID),
					}
				})),
		))
}
