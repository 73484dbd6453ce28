package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

func TestAccDataSourceTransfer(t *testing.T) {
	const typ = "isometric_transfer"
	seed := localregistry.DemoSeed()
	reg := newTestRegistry(t, seed.Clone())
	want := txFindRecord(t, reg.Registry.AllTransfers(), "transfer", localregistry.DemoTransferID, func(r client.Transfer) string { return r.ID })
	seeded := txFindSeed(t, seed.Transfers, "transfer", localregistry.DemoTransferID, func(r *localregistry.SeedTransfer) string { return r.ID })

	txByIDTest(t, reg, typ, "transfer", "tfr_1NOSUCHTRANSFER01", "transfer-1",
		txReadStep(reg, typ, localregistry.DemoTransferID,
			txExpect(typ, txPath("id"), knownvalue.StringExact(localregistry.DemoTransferID)),
			// The buyer transferred DemoBatchA1Partner (4 000 kg) to the partner.
			txExpect(typ, txPath("from_organisation"), txSeedOrg(t, seed, localregistry.DemoBuyerOrgID)),
			txExpect(typ, txPath("to_organisation"), txSeedOrg(t, seed, localregistry.DemoPartnerOrgID)),
			txExpect(typ, txPath("credit_batch_size_total"), txQuantity(t, 4000, "4")),
			txExpect(typ, txPath("credit_batch_size_total"), txAPIQuantity(t, want.CreditBatchSizeTotal)),
			txExpect(typ, txPath("transferred_at"), txRFC3339(want.TransferredAt)),
			txExpect(typ, txPath("notes"), txOptString(seeded.Notes)),
			txExpect(typ, txPath("credit_batches"), txCreditBatches(t, reg, []string{localregistry.DemoBatchA1Partner},
				func(b client.CreditBatch) map[string]knownvalue.Check {
					return map[string]knownvalue.Check{
						"owner":  txSeedOrg(t, seed, localregistry.DemoPartnerOrgID),
						"status": knownvalue.StringExact("active"),
					}
				})),
		))
}
