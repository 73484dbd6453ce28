package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

func TestAccDataSourceDelivery(t *testing.T) {
	const typ = "isometric_delivery"
	seed := localregistry.DemoSeed()
	reg := newTestRegistry(t, seed.Clone())
	want := txFindRecord(t, reg.Registry.AllDeliveries(), "delivery", localregistry.DemoDeliveryA1ID, func(r client.Delivery) string { return r.ID })
	seeded := txFindSeed(t, seed.Deliveries, "delivery", localregistry.DemoDeliveryA1ID, func(r *localregistry.SeedDelivery) string { return r.ID })

	totalKg := txBatchesKg(t, seed, seeded.CreditBatchIDs)
	txByIDTest(t, reg, typ, "delivery", "dlv_1NOSUCHDELIVERY01", "ord_1DEMOORDERA00001",
		txReadStep(reg, typ, localregistry.DemoDeliveryA1ID,
			txExpect(typ, txPath("id"), knownvalue.StringExact(localregistry.DemoDeliveryA1ID)),
			// Supplier A delivered the buyer's A1 batches against order A1.
			txExpect(typ, txPath("order_id"), knownvalue.StringExact(localregistry.DemoOrderA1ID)),
			txExpect(typ, txPath("from_supplier", "id"), knownvalue.StringExact(localregistry.DemoSupplierAID)),
			txExpect(typ, txPath("from_supplier", "organisation"), txSeedOrg(t, seed, localregistry.DemoSupplierAOrgID)),
			txExpect(typ, txPath("to_organisation"), txSeedOrg(t, seed, localregistry.DemoBuyerOrgID)),
			txExpect(typ, txPath("credit_batch_size_total", "kg"), knownvalue.Int64Exact(totalKg)),
			txExpect(typ, txPath("credit_batch_size_total"), txAPIQuantity(t, want.CreditBatchSizeTotal)),
			txExpect(typ, txPath("delivered_at"), txRFC3339(want.DeliveredAt)),
			txExpect(typ, txPath("url"), knownvalue.StringExact(want.URL)),
			txExpect(typ, txPath("notes"), txOptString(seeded.Notes)),
			txExpect(typ, txPath("credit_batches"), txCreditBatches(t, reg, seeded.CreditBatchIDs,
				func(b client.CreditBatch) map[string]knownvalue.Check {
					return map[string]knownvalue.Check{
						"delivery_id":  knownvalue.StringExact(localregistry.DemoDeliveryA1ID),
						"delivered_at": knownvalue.StringExact(want.DeliveredAt),
						"supplier_id":  knownvalue.StringExact(localregistry.DemoSupplierAID),
					}
				})),
		))
}
