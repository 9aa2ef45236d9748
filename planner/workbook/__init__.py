"""Reading and writing the trust's rota workbook (the only place openpyxl is used)."""
