"""The editors' desk: the defect queue, corrections, history and reverts, withdrawals, the dashboard."""
