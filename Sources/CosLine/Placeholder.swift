// CosLine: placeholder until its work lands.
