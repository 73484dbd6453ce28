package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

func TestAccDataSourceOrder(t *testing.T) {
	const typ = "isometric_order"
	seed := localregistry.DemoSeed()
	reg := newTestRegistry(t, seed.Clone())
	seeded := txFindSeed(t, seed.Orders, "order", localregistry.DemoOrderA2ID, func(o *localregistry.SeedOrder) string { return o.ID })

	txByIDTest(t, reg, typ, "order", "ord_1NOSUCHORDER00001", "ord_",
		txReadStep(reg, typ, localregistry.DemoOrderA2ID,
			txExpect(typ, txPath("id"), knownvalue.StringExact(localregistry.DemoOrderA2ID)),
			// The buyer's open order from supplier A: 50 t ordered, 10 t delivered so far.
			txExpect(typ, txPath("credits_ordered"), txQuantity(t, 50000, "50")),
			txExpect(typ, txPath("credits_delivered"), txQuantity(t, 10000, "10")),
			txExpect(typ, txPath("credits_remaining"), txQuantity(t, 40000, "40")),
			txExpect(typ, txPath("status"), knownvalue.StringExact(string(seeded.Status))),
			txExpect(typ, txPath("fulfilled_at"), knownvalue.Null()),
			txExpect(typ, txPath("effective_contract_date"), knownvalue.StringExact(seeded.EffectiveContractDate)),
			txExpect(typ, txPath("buyer_organisation"), txSeedOrg(t, seed, localregistry.DemoBuyerOrgID)),
			txExpect(typ, txPath("supplier", "id"), knownvalue.StringExact(localregistry.DemoSupplierAID)),
			txExpect(typ, txPath("supplier", "organisation"), txSeedOrg(t, seed, localregistry.DemoSupplierAOrgID)),
		),
		// A completed order: everything delivered, fulfilled_at set, nothing remaining.
		txReadStep(reg, typ, localregistry.DemoOrderA1ID,
			txExpect(typ, txPath("status"), knownvalue.StringExact("completed")),
			txExpect(typ, txPath("fulfilled_at"), knownvalue.NotNull()),
			txExpect(typ, txPath("credits_remaining"), txQuantity(t, 0, "0")),
		),
	)
}
