package client

import "encoding/json"

// This file holds the value types that several API areas embed and that have no endpoint of
// their own.

// CreditQuantity mirrors the spec schema CreditQuantity.
type CreditQuantity struct {
	// A representation of the credit quantity as an integer kilogram amount. Where 1 unit represents 0.001 credits and 1 kilogram of CO₂e. This field can handle bigint values.
	CreditKgs int64 `json:"credit_kgs"`
	// A representation of the credit quantity as a fractional amount, to 3 decimal places. Where 1 unit represents 1 credit and 1 ton of CO₂e.
	Credits json.Number `json:"credits"`
}

// CreditBatchQuantity mirrors the spec schema CreditBatchQuantity.
type CreditBatchQuantity struct {
	// CreditBatchID is the `credit_batch_id` field.
	CreditBatchID string `json:"credit_batch_id"`
	// A representation of a credit quantity as an **integer kilogram amount**. Where **1 unit represents 0.001 credits** and 1 kilogram of CO₂e. This field can handle bigint values.
	CreditQuantityKg int64 `json:"credit_quantity_kg"`
}

// Location mirrors the spec schema Location.
type Location struct {
	// CountryCode is the `country_code` field.
	CountryCode string `json:"country_code"`
	// CountryName is the `country_name` field.
	CountryName string `json:"country_name"`
	// Description is the `description` field.
	Description *string `json:"description,omitempty"`
	// Latitude is the `latitude` field.
	Latitude json.Number `json:"latitude"`
	// Longitude is the `longitude` field.
	Longitude json.Number `json:"longitude"`
}
