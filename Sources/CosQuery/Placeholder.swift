// CosQuery: placeholder until its work lands.
