package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

func TestAccDataSourceDelivery(t *testing.T) {
	const typ = "isometric_delivery"
	reg := newTestRegistry(t, nil)
	want := findRecord(t, reg.Registry.AllDeliveries(), "delivery", localregistry.DemoDeliveryA1ID, func(r client.Delivery) string { return r.ID })
	seeded := must(t, reg.seed.deliveries[localregistry.DemoDeliveryA1ID], "delivery", localregistry.DemoDeliveryA1ID)

	totalKg := reg.seed.sumKg(t, seeded.CreditBatchIDs)
	testDataSourceByID(t, reg, typ, "delivery", "dlv_1NOSUCHDELIVERY01", "ord_1DEMOORDERA00001",
		readByIDStep(reg, typ, localregistry.DemoDeliveryA1ID,
			expectData(typ, attrPath("id"), knownvalue.StringExact(localregistry.DemoDeliveryA1ID)),
			// Supplier A delivered the buyer's A1 batches against order A1.
			expectData(typ, attrPath("order_id"), knownvalue.StringExact(localregistry.DemoOrderA1ID)),
			expectData(typ, attrPath("from_supplier", "id"), knownvalue.StringExact(localregistry.DemoSupplierAID)),
			expectData(typ, attrPath("from_supplier", "organisation"), seedOrgCheck(t, reg.seed, localregistry.DemoSupplierAOrgID)),
			expectData(typ, attrPath("to_organisation"), seedOrgCheck(t, reg.seed, localregistry.DemoBuyerOrgID)),
			expectData(typ, attrPath("credit_batch_size_total", "kg"), knownvalue.Int64Exact(totalKg)),
			expectData(typ, attrPath("credit_batch_size_total"), apiQuantityCheck(t, want.CreditBatchSizeTotal)),
			expectData(typ, attrPath("delivered_at"), rfc3339Check(want.DeliveredAt)),
			expectData(typ, attrPath("url"), knownvalue.StringExact(want.URL)),
			expectData(typ, attrPath("notes"), stringOrNull(seeded.Notes)),
			expectData(typ, attrPath("credit_batches"), creditBatchesCheck(t, reg, seeded.CreditBatchIDs,
				func(b client.CreditBatch) map[string]knownvalue.Check {
					return map[string]knownvalue.Check{
						"delivery_id":  knownvalue.StringExact(localregistry.DemoDeliveryA1ID),
						"delivered_at": knownvalue.StringExact(want.DeliveredAt),
						"supplier_id":  knownvalue.StringExact(localregistry.DemoSupplierAID),
					}
				})),
		))
}
