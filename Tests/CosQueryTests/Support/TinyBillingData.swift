/// A tiny hand-written billing export. Every expected figure in the tests is computed by hand from
/// these rows; the arithmetic is written beside each assertion.
///
/// The period used by most tests is P = 2026-01..2026-04 (previous period 2025-09..2025-12), as of
/// 2026-06-15. March 2026 is empty in P: no tickets, final invoices or usage (only the draft INV9).
///
/// Organizations: O1 Åkesson & Söner AB (SEK and EUR) with children O2 Acme Japan KK (JPY) and O3 Bolt
/// Services (SEK, one currency); O4 Empty Org under O2 holds nothing; O5..O8 exist for search ranking.
enum TinyBillingData {
    static let files: [String: String] = [
        "organizations": """
            id,name,number,parent_id
            O1,Åkesson & Söner AB,1001,
            O2,Acme Japan KK,1002,O1
            O3,Bolt Services,1003,O1
            O4,Empty Org,1004,O2
            O5,Acme Nordic,2001,
            O6,Zeta Acme Holding,acme,
            O7,Widget Acmeco,2003,
            O8,Megacme Ltd,2004,
            """,
        "contracts": """
            id,organization_id,number,name,currency,start_date,end_date
            C1,O1,C-1001,Main,SEK,2025-01-01,
            C2,O1,C-1002,Mobile deal,EUR,2025-06-01,2026-03-31
            C3,O2,C-2001,,JPY,2025-01-01,
            C4,O3,C-3001,Bolt main,SEK,2025-01-01,
            """,
        "product_categories": """
            id,name
            CAT1,Cloud
            CAT2,Mobile
            """,
        "products": """
            id,name,category_id,unit
            P1,Compute,CAT1,h
            P2,Storage,CAT1,GB
            P3,Data plan,CAT2,GB
            """,
        "object_types": """
            id,name
            T1,Virtual server
            T2,Subscription
            """,
        "object_profiles": """
            id,name,object_type_id
            PR1,Large,T1
            PR2,Small,T1
            PR3,Unlimited,T2
            """,
        // OB2 is active only 2026-02-20..25 (part of February); OB2 has no profile; OB4 ended before P;
        // OB5 starts after P; OB8 is active only in mid-March and has no tickets.
        "objects": """
            id,name,organization_id,contract_id,object_type_id,object_profile_id,active_from,active_to
            OB1,vm-alpha,O1,C1,T1,PR1,2025-06-01,
            OB2,vm-beta,O1,C1,T1,,2026-02-20,2026-02-25
            OB3,sim-1,O1,C2,T2,PR3,2026-01-01,2026-04-10
            OB4,vm-gamma,O1,,T1,PR2,2025-01-01,2025-12-31
            OB5,vm-delta,O1,C1,T1,PR1,2026-05-01,
            OB6,jp-server,O2,C3,T1,PR1,2026-01-01,
            OB7,router,O3,C4,T1,PR2,2026-01-01,
            OB8,vm-idle,O1,C2,T1,PR1,2026-03-15,2026-03-20
            """,
        // INV2 is void, INV4, INV5 and INV9 (in the empty March) are drafts, INV6 is a credit note, INV0 is in the previous period.
        "invoices": """
            id,organization_id,number,invoice_date,status,currency,total_amount
            INV0,O1,I-100,2025-12-31,final,SEK,15
            INV1,O1,I-101,2026-01-31,final,SEK,40
            INV2,O1,I-102,2026-02-28,void,SEK,99
            INV3,O1,I-103,2026-02-05,FINAL,EUR,30
            INV4,O1,I-104,2026-05-10,draft,SEK,7.5
            INV5,O1,I-105,2025-03-01,draft,EUR,12.25
            INV6,O1,I-106,2026-04-30,final,SEK,-10
            INV7,O3,I-300,2026-02-28,final,SEK,10
            INV8,O2,I-200,2026-01-31,final,JPY,1200
            INV9,O1,I-107,2026-03-10,Draft,SEK,3.25
            """,
        // TK4 has no object and is a credit; TK6 is in the previous period.
        "charge_tickets": """
            id,contract_id,object_id,product_id,period_start,period_end,quantity,unit_price,amount,invoice_id
            TK1,C1,OB1,P1,2026-01-01,2026-01-31,10,1.5,15,INV1
            TK2,C1,OB1,P2,2026-01-01,2026-01-31,100,0.25,25,INV1
            TK3,C1,OB2,P1,2026-02-20,2026-02-25,5,1.5,7.5,
            TK4,C1,,P2,2026-02-01,2026-02-28,0,,-5,
            TK5,C1,OB1,P1,2026-04-01,2026-04-30,10,1.5,15,
            TK6,C1,OB1,P1,2025-12-01,2025-12-31,10,1.5,15,INV0
            TK7,C2,OB3,P3,2026-01-01,2026-01-31,2.5,10,25,INV3
            TK8,C2,OB3,P3,2026-02-01,2026-02-28,1.25,10,12.5,
            TK9,C1,OB1,P3,2026-04-01,2026-04-30,1,22.5,22.5,
            TK10,C4,OB7,P1,2026-02-01,2026-02-28,2,3,6,INV7
            TK11,C4,OB7,P2,2026-02-01,2026-02-28,8,0.5,4,INV7
            TK12,C3,OB6,P1,2026-01-01,2026-01-31,100,12,1200,INV8
            """,
        // U2 is 2026-02-01T00:30+01:00 = 2026-01-31T23:30Z: January in UTC. U4 is 2026-05-01T01:00Z: May.
        "usage_events": """
            id,object_id,product_id,occurred_at,quantity
            U1,OB1,P1,2026-01-15T10:00:00Z,4
            U2,OB1,P1,2026-02-01T00:30:00+01:00,6
            U3,OB3,P3,2026-02-10T12:00:00+02:00,1.5
            U4,OB1,P1,2026-04-30T23:00:00-02:00,3
            U5,OB6,P1,2026-01-20,7
            """,
    ]
}
