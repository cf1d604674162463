/// A small valid export, the base the CSV fuzz target mutates one file of (or all of them): ten
/// organizations' worth of every kind of row, kept small so that one input imports in milliseconds.
enum TinyExport {
    /// The files in the order `ExportFile` reads them, then `manifest.json`.
    static let names = [
        "organizations.csv", "contracts.csv", "product_categories.csv", "products.csv", "object_types.csv",
        "object_profiles.csv", "objects.csv", "invoices.csv", "charge_tickets.csv", "usage_events.csv", "manifest.json",
    ]

    static let files: [String: String] = [
        "organizations.csv": """
            id,name,number,parent_id
            ORG-1,"Acme, Inc.",1001,
            ORG-2,Åkesson & Söner AB,1002,ORG-1
            42,"Quote ""Q"" Ltd",,ORG-2
            ORG-4,株式会社テスト,,

            """,
        "contracts.csv": """
            id,organization_id,number,name,currency,start_date,end_date
            C1,ORG-1,K-1,Main,SEK,2025-01-01,
            C2,ORG-1,K-2,,eur,2025-06-01,2024-12-31
            C3,ORG-2,K-3,Sub,SEK,2025-01-01,
            C4,42,K-4,,JPY,2025-01-01,
            C5,ORG-4,K-5,,KWD,2025-01-01,

            """,
        "product_categories.csv": """
            id,name
            CAT-CLOUD,Cloud services
            CAT-CONN,Connectivity

            """,
        "products.csv": """
            id,name,category_id,unit
            P1,Virtual server,CAT-CLOUD,pcs
            P2,Data,CAT-CONN,GB
            P3,Support,CAT-CLOUD,

            """,
        "object_types.csv": """
            id,name
            T-VM,Virtual server
            T-MOB,Mobile subscription

            """,
        "object_profiles.csv": """
            id,name,object_type_id
            PR-S,Small,T-VM
            PR-L,Large,T-VM
            PR-5G,5G Max,T-MOB

            """,
        "objects.csv": """
            id,name,organization_id,contract_id,object_type_id,object_profile_id,active_from,active_to
            O1,vm-1,ORG-1,C1,T-VM,PR-S,2025-01-15,
            O2,vm-2,ORG-1,,T-VM,,2025-03-01,2025-05-31
            O3,+46701234567,ORG-2,C3,T-MOB,PR-5G,2025-02-01,
            O4,jp-1,42,C4,T-VM,PR-L,2024-12-01,2025-12-31

            """,
        "invoices.csv": """
            id,organization_id,number,invoice_date,status,currency,total_amount
            I1,ORG-1,INV-1,2025-02-01,final,SEK,1500.50
            I2,ORG-1,INV-2,2025-03-01,Draft,SEK,200
            I3,ORG-1,INV-3,2025-03-01,VOID,EUR,10
            I4,ORG-2,INV-4,2025-02-01,final,sek,99.999999
            I5,42,INV-5,2025-04-30,final,JPY,-1200
            I6,ORG-4,INV-6,2024-06-30,final,KWD,0.125

            """,
        "charge_tickets.csv": """
            id,contract_id,object_id,product_id,period_start,period_end,quantity,unit_price,amount,invoice_id
            T1,C1,O1,P1,2025-01-01,2025-01-31,1,1000.25,1000.25,I1
            T2,C1,O1,P1,2025-02-01,2025-02-28,1,1000.25,500.25,I1
            T3,C1,,P2,2025-02-01,2025-01-15,2.5,,-0.000001,
            T4,C2,O2,P2,2025-03-01,2025-03-31,0.0042,,10,I3
            T5,C3,O3,P2,2025-02-01,2025-02-28,3,33.333333,99.999999,I4
            T6,C4,O4,P3,2025-04-01,2025-04-30,1,,-1200,I5
            T7,C1,O1,P3,2025-05-01,2025-05-31,1,,12,

            """,
        "usage_events.csv": """
            id,object_id,product_id,occurred_at,quantity
            E1,O1,P1,2025-01-31T23:30:00-01:00,1.5
            E2,O1,P1,2025-02-01T00:30:00+01:00,2
            E3,O3,P2,2025-02-10,0.000001
            E4,O4,P3,2025-04-02 10:00:00.5+0900,3

            """,
        "manifest.json": #"{"as_of": "2025-06-30", "name": "Fuzz set"}"#,
    ]
}
