package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

func TestAccDataSourceOrder(t *testing.T) {
	const typ = "isometric_order"
	reg := newTestRegistry(t, nil)
	seeded := must(t, reg.seed.orders[localregistry.DemoOrderA2ID], "order", localregistry.DemoOrderA2ID)

	testDataSourceByID(t, reg, typ, "order", "ord_1NOSUCHORDER00001", "ord_",
		readByIDStep(reg, typ, localregistry.DemoOrderA2ID,
			expectData(typ, attrPath("id"), knownvalue.StringExact(localregistry.DemoOrderA2ID)),
			// The buyer's open order from supplier A: 50 t ordered, 10 t delivered so far.
			expectData(typ, attrPath("credits_ordered"), quantityCheck(50000)),
			expectData(typ, attrPath("credits_delivered"), quantityCheck(10000)),
			expectData(typ, attrPath("credits_remaining"), quantityCheck(40000)),
			expectData(typ, attrPath("status"), knownvalue.StringExact(string(seeded.Status))),
			expectData(typ, attrPath("fulfilled_at"), knownvalue.Null()),
			expectData(typ, attrPath("effective_contract_date"), knownvalue.StringExact(seeded.EffectiveContractDate)),
			expectData(typ, attrPath("buyer_organisation"), seedOrgCheck(t, reg.seed, localregistry.DemoBuyerOrgID)),
			expectData(typ, attrPath("supplier", "id"), knownvalue.StringExact(localregistry.DemoSupplierAID)),
			expectData(typ, attrPath("supplier", "organisation"), seedOrgCheck(t, reg.seed, localregistry.DemoSupplierAOrgID)),
		),
		// A completed order: everything delivered, fulfilled_at set, nothing remaining.
		readByIDStep(reg, typ, localregistry.DemoOrderA1ID,
			expectData(typ, attrPath("status"), knownvalue.StringExact("completed")),
			expectData(typ, attrPath("fulfilled_at"), knownvalue.NotNull()),
			expectData(typ, attrPath("credits_remaining"), quantityCheck(0)),
		),
	)
}
