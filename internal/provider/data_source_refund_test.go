package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

func TestAccDataSourceRefund(t *testing.T) {
	const typ = "isometric_refund"
	reg := newTestRegistry(t, nil)
	seeded := must(t, reg.seed.refunds[localregistry.DemoRefundID], "refund", localregistry.DemoRefundID)

	totalKg := reg.seed.sumKg(t, seeded.CreditBatchIDs)
	testDataSourceByID(t, reg, typ, "buffer pool refund", "bpr_1NOSUCHREFUND0001", "ref_1DEMOREFUND00001",
		readByIDStep(reg, typ, localregistry.DemoRefundID,
			expectData(typ, attrPath("id"), knownvalue.StringExact(localregistry.DemoRefundID)),
			// A buffer pool refund to the buyer.
			expectData(typ, attrPath("to_organisation"), seedOrgCheck(t, reg.seed, localregistry.DemoBuyerOrgID)),
			expectData(typ, attrPath("from_buffer_pool_organisation"), seedOrgCheck(t, reg.seed, seeded.FromBufferPoolOrganisationID)),
			expectData(typ, attrPath("credit_batch_size_total", "kg"), knownvalue.Int64Exact(totalKg)),
			expectData(typ, attrPath("refunded_at"), rfc3339Check(registryTime(seeded.RefundedAt))),
			expectData(typ, attrPath("notes"), knownvalue.StringExact(seeded.Notes)),
			expectData(typ, attrPath("credit_batches"), creditBatchesCheck(t, reg, seeded.CreditBatchIDs,
				func(client.CreditBatch) map[string]knownvalue.Check { return nil })),
		))
}
