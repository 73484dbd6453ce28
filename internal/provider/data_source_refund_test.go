package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

func TestAccDataSourceRefund(t *testing.T) {
	const typ = "isometric_refund"
	seed := localregistry.DemoSeed()
	reg := newTestRegistry(t, seed.Clone())
	seeded := txFindSeed(t, seed.Refunds, "refund", localregistry.DemoRefundID, func(r *localregistry.SeedRefund) string { return r.ID })

	totalKg := txBatchesKg(t, seed, seeded.CreditBatchIDs)
	txByIDTest(t, reg, typ, "buffer pool refund", "bpr_1NOSUCHREFUND0001", "ref_1DEMOREFUND00001",
		txReadStep(reg, typ, localregistry.DemoRefundID,
			txExpect(typ, txPath("id"), knownvalue.StringExact(localregistry.DemoRefundID)),
			// A buffer pool refund to the buyer.
			txExpect(typ, txPath("to_organisation"), txSeedOrg(t, seed, localregistry.DemoBuyerOrgID)),
			txExpect(typ, txPath("from_buffer_pool_organisation"), txSeedOrg(t, seed, seeded.FromBufferPoolOrganisationID)),
			txExpect(typ, txPath("credit_batch_size_total", "kg"), knownvalue.Int64Exact(totalKg)),
			txExpect(typ, txPath("refunded_at"), txRFC3339Time(seeded.RefundedAt)),
			txExpect(typ, txPath("notes"), knownvalue.StringExact(seeded.Notes)),
			txExpect(typ, txPath("credit_batches"), txCreditBatches(t, reg, seeded.CreditBatchIDs,
				func(client.CreditBatch) map[string]knownvalue.Check { return nil })),
		))
}
