"""cx-maturity: customer-experience maturity assessment."""
