package provider

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

// TestAccTransactionDataSourceExamples applies the documented example of every transaction data
// source against the demo world, the example IDs replaced by demo IDs: the documentation shows
// configurations that work.
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
	var steps []resource.TestStep
	for _, name := range []string{"order", "orders", "delivery", "deliveries", "transfer", "transfers", "retirement", "retirements",
		"refund", "beneficiaries", "transferees", "stripe_configuration", "icr_retirements", "icr_retirement"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "examples", "data-sources", "isometric_"+name, "data-source.tf"))
		if err != nil {
			t.Fatal(err)
		}
		provider := reg.ProviderConfigWithICR(localregistry.DemoBuyerToken, localregistry.DemoICRToken)
		if name == "stripe_configuration" {
			provider = reg.ProviderConfig(localregistry.DemoSupplierAToken)
		}
		steps = append(steps, resource.TestStep{Config: provider + ids.Replace(string(b)), Check: checkNoWrites(reg)})
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: testAccProtoV6ProviderFactories, Steps: steps})
}
