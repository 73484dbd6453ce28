package provider

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

// TestAccTransactionDataSourceExamples applies the documented examples of the transaction data
// sources against the demo world, the example IDs replaced by demo IDs: the documentation shows
// configurations that work. The buyer's examples run together (their shared
// `data "isometric_organisation" "me"` once); the Stripe example runs as supplier A.
func TestAccTransactionDataSourceExamples(t *testing.T) {
	reg := newTestRegistry(t, nil)
	ids := strings.NewReplacer(
		"ord_1FAN3S3WV1S0B842", localregistry.DemoOrderA2ID,
		"spl_1GB56M1ST1S0GVNA", localregistry.DemoSupplierAID,
		"dlv_1C454ZXA61S03Z9T", localregistry.DemoDeliveryA1ID,
		"org_1GB56M1ST1S0GVNA", localregistry.DemoBeneficiaryOrgID,
		"tfr_1FJGWSY271S0QSMR", localregistry.DemoTransferID,
		"ret_1FYBH4QDT1S0SVKF", localregistry.DemoRetirementID,
		"bpr_1E5BH6AG21S0SKTW", localregistry.DemoRefundID,
	)
	const me = `data "isometric_organisation" "me" {}`
	example := func(name string) string {
		b, err := os.ReadFile(filepath.Join("..", "..", "examples", "data-sources", "isometric_"+name, "data-source.tf"))
		if err != nil {
			t.Fatal(err)
		}
		return strings.ReplaceAll(ids.Replace(string(b)), me, "")
	}
	buyer := reg.ProviderConfigWithICR(localregistry.DemoBuyerToken, localregistry.DemoICRToken) + me + "\n"
	for _, name := range []string{"order", "orders", "delivery", "deliveries", "transfer", "transfers", "retirement", "retirements",
		"refund", "beneficiaries", "transferees", "icr_retirements", "icr_retirement"} {
		buyer += example(name)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: buyer, Check: reg.expectPOSTs("", 0)},
			{Config: reg.ProviderConfig(localregistry.DemoSupplierAToken) + example("stripe_configuration"), Check: reg.expectPOSTs("", 0)},
		},
	})
}

func TestQuantityTotal(t *testing.T) {
	kg, tonnes := quantityOf(t, quantityTotal(4_611_686_018_427_387_001)["total"])
	if kg != 4_611_686_018_427_387_001 {
		t.Errorf("total kg %d", kg)
	}
	if s := tonnes.Text('f', 3); s != "4611686018427387.001" {
		t.Errorf("total tonnes %s", s)
	}
	if kg, _ := quantityOf(t, quantityTotal(0)["total"]); kg != 0 {
		t.Errorf("total of nothing: %d kg", kg)
	}
}
