package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

func TestAccDataSourceTransfer(t *testing.T) {
	const typ = "isometric_transfer"
	reg := newTestRegistry(t, nil)
	want := findRecord(t, reg.Registry.AllTransfers(), "transfer", localregistry.DemoTransferID, func(r client.Transfer) string { return r.ID })
	seeded := must(t, reg.seed.transfers[localregistry.DemoTransferID], "transfer", localregistry.DemoTransferID)

	testDataSourceByID(t, reg, typ, "transfer", "tfr_1NOSUCHTRANSFER01", "transfer-1",
		readByIDStep(reg, typ, localregistry.DemoTransferID,
			expectData(typ, attrPath("id"), knownvalue.StringExact(localregistry.DemoTransferID)),
			// The buyer transferred DemoBatchA1Partner (4 000 kg) to the partner.
			expectData(typ, attrPath("from_organisation"), seedOrgCheck(t, reg.seed, localregistry.DemoBuyerOrgID)),
			expectData(typ, attrPath("to_organisation"), seedOrgCheck(t, reg.seed, localregistry.DemoPartnerOrgID)),
			expectData(typ, attrPath("credit_batch_size_total"), quantityCheck(4000)),
			expectData(typ, attrPath("credit_batch_size_total"), apiQuantityCheck(t, want.CreditBatchSizeTotal)),
			expectData(typ, attrPath("transferred_at"), rfc3339Check(want.TransferredAt)),
			expectData(typ, attrPath("notes"), stringOrNull(seeded.Notes)),
			expectData(typ, attrPath("credit_batches"), creditBatchesCheck(t, reg, []string{localregistry.DemoBatchA1Partner},
				func(b client.CreditBatch) map[string]knownvalue.Check {
					return map[string]knownvalue.Check{
						"owner":  seedOrgCheck(t, reg.seed, localregistry.DemoPartnerOrgID),
						"status": knownvalue.StringExact("active"),
					}
				})),
		))
}
