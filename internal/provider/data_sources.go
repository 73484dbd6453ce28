package provider

import "github.com/hashicorp/terraform-plugin-framework/datasource"

// dataSources lists the provider's data sources. Add yours here (one line each).
func dataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{
		newOrganisationDataSource,
		newSupplierDataSource,
		newSuppliersDataSource,
		newProjectDataSource,
		newProjectsDataSource,
		newProjectDocumentsDataSource,
		newCreditBalanceDataSource,
		newCreditBatchesDataSource,
		newCreditBatchDataSource,
		newIssuanceDataSource,
		newIssuancesDataSource,
		newOrderDataSource,
		newDeliveryDataSource,
		newTransferDataSource,
		newRetirementDataSource,
		newRefundDataSource,
		newStripeConfigurationDataSource,
		newICRRetirementDataSource,
		newOrdersDataSource,
		newDeliveriesDataSource,
		newTransfersDataSource,
		newRetirementsDataSource,
		newBeneficiariesDataSource,
		newTransfereesDataSource,
		newICRRetirementsDataSource,
	}
}
