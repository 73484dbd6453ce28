package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

func TestAccDataSourceRetirement(t *testing.T) {
	const typ = "isometric_retirement"
	reg := newTestRegistry(t, nil)
	want := findRecord(t, reg.Registry.AllRetirements(), "retirement", localregistry.DemoRetirementID, func(r client.Retirement) string { return r.ID })
	seeded := must(t, reg.seed.retirements[localregistry.DemoRetirementID], "retirement", localregistry.DemoRetirementID)

	purposes := make([]knownvalue.Check, 0, len(want.Purposes))
	for _, p := range want.Purposes {
		purposes = append(purposes, knownvalue.StringExact(string(p)))
	}
	testDataSourceByID(t, reg, typ, "retirement", "ret_1NOSUCHRETIREMENT", "ret_123",
		readByIDStep(reg, typ, localregistry.DemoRetirementID,
			expectData(typ, attrPath("id"), knownvalue.StringExact(localregistry.DemoRetirementID)),
			// The buyer retired DemoBatchA1Retired (2 000 kg) for itself.
			expectData(typ, attrPath("owner", "id"), knownvalue.StringExact(localregistry.DemoBuyerOrgID)),
			expectData(typ, attrPath("beneficiary", "id"), knownvalue.StringExact(localregistry.DemoBuyerOrgID)),
			expectData(typ, attrPath("owner"), seedOrgCheck(t, reg.seed, localregistry.DemoBuyerOrgID)),
			expectData(typ, attrPath("beneficiary"), orgCheck(want.Beneficiary)),
			expectData(typ, attrPath("credit_batch_size_total"), quantityCheck(2000)),
			expectData(typ, attrPath("retired_at"), rfc3339Check(want.RetiredAt)),
			expectData(typ, attrPath("url"), knownvalue.StringExact(want.URL)),
			expectData(typ, attrPath("notes"), stringOrNull(seeded.Notes)),
			expectData(typ, attrPath("purposes"), knownvalue.ListExact(purposes)),
			expectData(typ, attrPath("credit_batches"), creditBatchesCheck(t, reg, []string{localregistry.DemoBatchA1Retired},
				func(b client.CreditBatch) map[string]knownvalue.Check {
					return map[string]knownvalue.Check{
						"status":        knownvalue.StringExact("retired"),
						"retirement_id": knownvalue.StringExact(localregistry.DemoRetirementID),
						"retired_at":    knownvalue.StringExact(want.RetiredAt),
						"beneficiary":   orgCheck(want.Beneficiary),
						"size":          quantityCheck(2000),
						"supplier_id":   knownvalue.StringExact(localregistry.DemoSupplierAID),
					}
				})),
		))
}
