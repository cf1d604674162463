// CosRender: placeholder until its work lands.
