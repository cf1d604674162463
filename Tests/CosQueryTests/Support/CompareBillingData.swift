/// A tiny hand-written export for `compare` and `trace`; every expected figure in CompareTests and
/// TraceTests is computed by hand from these rows, with the arithmetic beside the assertion.
///
/// The base period is B = 2026-01..2026-02, the period P = 2026-03..2026-04 (B is P's previous period).
/// Organization X1 (SEK contracts K1 and K3, EUR contract K2); X2 holds a ticket that must never count.
///
/// Items of X1 (a product on one object, per currency), q and a summed per period:
///
/// | item | | B: q0, a0 | P: q1, a1 | what it tests |
/// | --- | --- | --- | --- | --- |
/// | 1 | P1 Compute on V1, SEK | 20, 200 (T1, T2) | 20, 240 (T3 + T4 in March, T5 on K3 in April) | price rose |
/// | 2 | P2 Storage on V1, SEK | 100, 50 (T6) | 60, 30 (T7) | volume fell |
/// | 3 | P1 Compute on V2, SEK | 3, 10 (T8) | 4, 14 (T9) | a volume effect that rounds |
/// | 4 | P4 Licence on S1, SEK | - | 1, 25 (T10) | new |
/// | 5 | P2 Storage on V3, SEK | 5, 7.5 (T11) | - | gone |
/// | 6 | P3 Support, no object, SEK | 0, 15 (T12) | 2, 20 (T13) | q0 = 0 |
/// | 7 | P5 Credit, no object, SEK | 1, -10 (T14) | 2, -30 (T15) | a credit |
/// | 8 | P1 Compute on E1, EUR | 5, 50 (T16) | 8, 80 (T17) | a second currency |
/// | 9 | P2 Storage on E1, EUR | - | 10, 5 (T18) | new, in EUR |
///
/// T19 (December 2025) is outside both periods; T20 belongs to X2.
enum CompareBillingData {
    static let files: [String: String] = [
        "organizations": """
            id,name,number,parent_id
            X1,Xylo AB,501,
            X2,Other AB,502,
            """,
        "contracts": """
            id,organization_id,number,name,currency,start_date,end_date
            K1,X1,K-1,Main,SEK,2025-01-01,
            K2,X1,K-2,Euro,EUR,2025-01-01,
            K3,X1,K-3,Extra,SEK,2025-01-01,
            K9,X2,K-9,,SEK,2025-01-01,
            """,
        "product_categories": """
            id,name
            CAT-C,Cloud
            CAT-S,Services
            """,
        "products": """
            id,name,category_id,unit
            P1,Compute,CAT-C,h
            P2,Storage,CAT-C,GB
            P3,Support,CAT-S,h
            P4,Licence,CAT-S,pcs
            P5,Credit,CAT-S,
            """,
        "object_types": """
            id,name
            TY-S,Server
            TY-T,Seat
            """,
        "object_profiles": """
            id,name,object_type_id
            PF-L,Large,TY-S
            PF-M,Small,TY-S
            PF-B,Basic,TY-T
            """,
        "objects": """
            id,name,organization_id,contract_id,object_type_id,object_profile_id,active_from,active_to
            V1,vm-1,X1,K1,TY-S,PF-L,2025-01-01,
            V2,vm-2,X1,K1,TY-S,PF-M,2025-01-01,
            V3,vm-3,X1,K1,TY-S,,2025-01-01,2026-02-28
            S1,seat-1,X1,K1,TY-T,PF-B,2026-03-01,
            E1,vm-eu,X1,K2,TY-S,PF-L,2025-01-01,
            W1,vm-other,X2,K9,TY-S,PF-L,2025-01-01,
            """,
        "invoices": """
            id,organization_id,number,invoice_date,status,currency,total_amount
            I1,X1,INV-1,2026-01-31,final,SEK,150
            I2,X1,INV-2,2026-03-31,draft,SEK,133
            I3,X1,INV-3,2026-03-31,void,SEK,120
            """,
        "charge_tickets": """
            id,contract_id,object_id,product_id,period_start,period_end,quantity,unit_price,amount,invoice_id
            T1,K1,V1,P1,2026-01-01,2026-01-31,10,10,100,I1
            T2,K1,V1,P1,2026-02-01,2026-02-28,10,10,100,
            T3,K1,V1,P1,2026-03-01,2026-03-31,4,12,48,I2
            T4,K1,V1,P1,2026-03-01,2026-03-31,6,12,72,I3
            T5,K3,V1,P1,2026-04-01,2026-04-30,10,12,120,
            T6,K1,V1,P2,2026-01-01,2026-01-31,100,0.5,50,I1
            T7,K1,V1,P2,2026-03-01,2026-03-31,60,0.5,30,I2
            T8,K1,V2,P1,2026-02-01,2026-02-28,3,,10,
            T9,K1,V2,P1,2026-03-01,2026-03-31,4,3.5,14,I2
            T10,K1,S1,P4,2026-03-01,2026-03-31,1,25,25,I2
            T11,K1,V3,P2,2026-01-01,2026-01-31,5,1.5,7.5,
            T12,K1,,P3,2026-02-10,2026-02-10,0,,15,
            T13,K1,,P3,2026-04-10,2026-04-10,2,10,20,
            T14,K1,,P5,2026-01-01,2026-01-31,1,-10,-10,
            T15,K1,,P5,2026-04-01,2026-04-30,2,-15,-30,
            T16,K2,E1,P1,2026-02-01,2026-02-28,5,10,50,
            T17,K2,E1,P1,2026-04-01,2026-04-30,8,10,80,
            T18,K2,E1,P2,2026-03-01,2026-03-31,10,0.5,5,
            T19,K1,V1,P1,2025-12-01,2025-12-31,10,10,100,
            T20,K9,W1,P1,2026-03-01,2026-03-31,10,10,100,
            """,
        // For trace: V1 has Compute usage in January, March (two events) and May, Storage usage in
        // February only (a month without a Storage ticket). 2026-04-01T00:30+02:00 is 2026-03-31 in UTC.
        "usage_events": """
            id,object_id,product_id,occurred_at,quantity
            U1,V1,P1,2026-01-15T10:00:00Z,10
            U2,V1,P2,2026-02-10T10:00:00Z,80
            U3,V1,P1,2026-03-05T10:00:00Z,4
            U4,V1,P1,2026-04-01T00:30:00+02:00,6
            U5,V1,P1,2026-05-02T10:00:00Z,3
            U6,W1,P1,2026-03-05T10:00:00Z,10
            """,
    ]
}
