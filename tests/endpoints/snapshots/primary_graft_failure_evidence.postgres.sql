WITH "t42" AS (
  SELECT
    "t41"."patient_id",
    "t41"."cutoff"
  FROM (
    SELECT
      "t40"."patient_id",
      CASE
        WHEN "t40"."graft_source" = 'bm'
        THEN 30
        WHEN "t40"."graft_source" = 'pbsc'
        THEN 30
        WHEN "t40"."graft_source" = 'cord'
        THEN 42
        ELSE CAST(NULL AS BIGINT)
      END AS "cutoff",
      "t40"."modality"
    FROM (
      SELECT
        "t39"."patient_id",
        "t39"."arm",
        "t39"."modality",
        "t39"."graft_source",
        "t39"."second_infusion_day",
        "t39"."weight_kg",
        "t39"."death_day",
        "t39"."censor_day",
        "t39"."relapse_day"
      FROM (
        SELECT
          "t38"."patient_id",
          "t38"."arm",
          "t38"."modality",
          "t38"."graft_source",
          "t38"."second_infusion_day",
          "t38"."weight_kg",
          "t38"."death_day",
          COALESCE("t38"."censor_day", CAST("t38"."last_lab_day" AS BIGINT), 0) AS "censor_day",
          "t38"."relapse_day",
          "t38"."last_lab_day"
        FROM (
          SELECT
            "t37"."patient_id",
            "t37"."arm",
            "t37"."modality",
            "t37"."graft_source",
            "t37"."second_infusion_day",
            "t37"."weight_kg",
            "t37"."death_day",
            "t37"."censor_day",
            "t37"."relapse_day",
            "t37"."last_lab_day"
          FROM (
            SELECT
              "t36"."patient_id",
              "t36"."arm",
              "t36"."modality",
              "t36"."graft_source",
              "t36"."second_infusion_day",
              "t36"."weight_kg",
              "t36"."death_day",
              "t36"."censor_day",
              "t36"."relapse_day",
              "t14"."patient_id" AS "patient_id_right",
              "t14"."last_lab_day"
            FROM (
              SELECT
                "t34"."patient_id",
                "t34"."arm",
                "t34"."modality",
                "t34"."graft_source",
                "t34"."second_infusion_day",
                "t34"."weight_kg",
                "t34"."death_day",
                "t34"."censor_day",
                "t34"."relapse_day"
              FROM (
                SELECT
                  "t31"."patient_id",
                  "t31"."arm",
                  "t31"."modality",
                  "t31"."graft_source",
                  "t31"."second_infusion_day",
                  "t31"."weight_kg",
                  "t31"."death_day",
                  "t31"."censor_day",
                  "t18"."patient_id" AS "patient_id_right",
                  "t18"."relapse_day"
                FROM (
                  SELECT
                    "t28"."patient_id",
                    "t28"."arm",
                    "t28"."modality",
                    "t28"."graft_source",
                    "t28"."second_infusion_day",
                    "t28"."weight_kg",
                    "t28"."death_day",
                    "t28"."censor_day"
                  FROM (
                    SELECT
                      "t24"."patient_id",
                      "t24"."arm",
                      "t24"."modality",
                      "t24"."graft_source",
                      "t24"."second_infusion_day",
                      "t24"."weight_kg",
                      "t19"."patient_id" AS "patient_id_right",
                      "t19"."death_day",
                      "t19"."censor_day"
                    FROM (
                      SELECT
                        "t22"."patient_id",
                        "t22"."arm",
                        "t22"."modality",
                        "t22"."graft_source",
                        "t22"."second_infusion_day",
                        "t22"."weight_kg"
                      FROM (
                        SELECT
                          "t15"."patient_id",
                          "t15"."arm",
                          "t15"."modality",
                          "t15"."graft_source",
                          "t15"."second_infusion_day",
                          "t13"."patient_id" AS "patient_id_right",
                          "t13"."weight_kg"
                        FROM (
                          SELECT
                            "t4"."patient_id",
                            COALESCE("t4"."arm", "t4"."modality") AS "arm",
                            "t4"."modality",
                            "t4"."graft_source",
                            CAST("t4"."second_infusion_day" AS BIGINT) AS "second_infusion_day"
                          FROM "treatments" AS "t4"
                        ) AS "t15"
                        LEFT OUTER JOIN (
                          SELECT
                            "t5"."patient_id",
                            "t5"."weight_kg"
                          FROM "patients" AS "t5"
                        ) AS "t13"
                          ON "t15"."patient_id" = "t13"."patient_id"
                      ) AS "t22"
                    ) AS "t24"
                    LEFT OUTER JOIN (
                      SELECT
                        "t3"."patient_id",
                        CASE
                          WHEN "t3"."vital_status" = 'dead'
                          THEN COALESCE("t3"."death_day", "t3"."last_contact_day")
                          ELSE CAST(NULL AS BIGINT)
                        END AS "death_day",
                        GREATEST(
                          "t3"."last_contact_day",
                          COALESCE(
                            CASE
                              WHEN "t3"."vital_status" = 'dead'
                              THEN COALESCE("t3"."death_day", "t3"."last_contact_day")
                              ELSE CAST(NULL AS BIGINT)
                            END,
                            "t3"."last_contact_day"
                          )
                        ) AS "censor_day"
                      FROM "followup" AS "t3"
                    ) AS "t19"
                      ON "t24"."patient_id" = "t19"."patient_id"
                  ) AS "t28"
                ) AS "t31"
                LEFT OUTER JOIN (
                  SELECT
                    "t11"."patient_id",
                    MIN("t11"."day") AS "relapse_day"
                  FROM (
                    SELECT
                      *
                    FROM "disease_assessments" AS "t2"
                    WHERE
                      "t2"."status" IN ('relapse', 'progression') AND "t2"."day" > 0
                  ) AS "t11"
                  GROUP BY
                    1
                ) AS "t18"
                  ON "t31"."patient_id" = "t18"."patient_id"
              ) AS "t34"
            ) AS "t36"
            LEFT OUTER JOIN (
              SELECT
                "t1"."patient_id",
                MAX("t1"."day") AS "last_lab_day"
              FROM "labs" AS "t1"
              GROUP BY
                1
            ) AS "t14"
              ON "t36"."patient_id" = "t14"."patient_id"
          ) AS "t37"
        ) AS "t38"
      ) AS "t39"
    ) AS "t40"
  ) AS "t41"
  WHERE
    "t41"."cutoff" IS NOT NULL AND "t41"."modality" IN ('allo_hsct', 'auto_hsct')
)
SELECT
  "t58"."patient_id",
  "t58"."cutoff",
  COALESCE("t58"."anc_low_near", FALSE) AS "anc_low_near",
  COALESCE("t58"."platelets_low_near", FALSE) AS "platelets_low_near",
  COALESCE("t58"."platelets_seen_near", FALSE) AS "platelets_seen_near"
FROM (
  SELECT
    "t57"."patient_id",
    "t57"."cutoff",
    "t57"."anc_low_near",
    "t57"."platelets_low_near",
    "t57"."platelets_seen_near"
  FROM (
    SELECT
      "t56"."patient_id",
      "t56"."cutoff",
      "t56"."anc_low_near",
      "t52"."patient_id" AS "patient_id_right",
      "t52"."platelets_low_near",
      "t52"."platelets_seen_near"
    FROM (
      SELECT
        "t54"."patient_id",
        "t54"."cutoff",
        "t54"."anc_low_near"
      FROM (
        SELECT
          "t44"."patient_id",
          "t44"."cutoff",
          "t53"."patient_id" AS "patient_id_right",
          "t53"."anc_low_near"
        FROM "t42" AS "t44"
        LEFT OUTER JOIN (
          SELECT
            "t49"."patient_id",
            BOOL_OR("t49"."value" < 0.5) AS "anc_low_near"
          FROM (
            SELECT
              *
            FROM (
              SELECT
                "t33"."patient_id",
                "t33"."day",
                "t33"."value",
                "t45"."cutoff"
              FROM (
                SELECT
                  *
                FROM (
                  SELECT
                    "t21"."patient_id",
                    "t21"."day",
                    COALESCE(
                      "t21"."anc",
                      CAST((
                        "t21"."wbc" * (
                          "t21"."seg" + COALESCE("t21"."bands", 0.0)
                        )
                      ) AS DOUBLE PRECISION) / 100.0
                    ) AS "value"
                  FROM (
                    SELECT
                      "t10"."patient_id",
                      "t10"."day",
                      MIN(CASE WHEN "t10"."qualifier" = '<' THEN 0.0 ELSE "t10"."value" END) FILTER(WHERE
                        "t10"."analyte" = 'anc') AS "anc",
                      MIN(CASE WHEN "t10"."qualifier" = '<' THEN 0.0 ELSE "t10"."value" END) FILTER(WHERE
                        "t10"."analyte" = 'wbc') AS "wbc",
                      MIN(CASE WHEN "t10"."qualifier" = '<' THEN 0.0 ELSE "t10"."value" END) FILTER(WHERE
                        "t10"."analyte" = 'neut_pct') AS "seg",
                      MAX(CASE WHEN "t10"."qualifier" = '<' THEN 0.0 ELSE "t10"."value" END) FILTER(WHERE
                        "t10"."analyte" = 'bands_pct') AS "bands"
                    FROM (
                      SELECT
                        *
                      FROM "labs" AS "t1"
                      WHERE
                        "t1"."analyte" IN ('anc', 'wbc', 'neut_pct', 'bands_pct') AND "t1"."day" >= 0
                    ) AS "t10"
                    GROUP BY
                      1,
                      2
                  ) AS "t21"
                ) AS "t29"
                WHERE
                  "t29"."value" IS NOT NULL
              ) AS "t33"
              INNER JOIN "t42" AS "t45"
                ON "t33"."patient_id" = "t45"."patient_id"
            ) AS "t47"
            WHERE
              "t47"."day" BETWEEN "t47"."cutoff" - 7 AND "t47"."cutoff"
          ) AS "t49"
          GROUP BY
            1
        ) AS "t53"
          ON "t44"."patient_id" = "t53"."patient_id"
      ) AS "t54"
    ) AS "t56"
    LEFT OUTER JOIN (
      SELECT
        "t48"."patient_id",
        BOOL_OR("t48"."low") AS "platelets_low_near",
        COUNT("t48"."day") > 0 AS "platelets_seen_near"
      FROM (
        SELECT
          *
        FROM (
          SELECT
            "t27"."patient_id",
            "t27"."day",
            "t27"."low",
            "t45"."cutoff"
          FROM (
            SELECT
              *
            FROM (
              SELECT
                "t20"."patient_id",
                CAST("t20"."day" AS BIGINT) AS "day",
                "t20"."value" < 20.0 AS "low"
              FROM (
                SELECT
                  "t9"."patient_id",
                  "t9"."day",
                  MIN(CASE WHEN "t9"."qualifier" = '<' THEN 0.0 ELSE "t9"."value" END) AS "value"
                FROM (
                  SELECT
                    *
                  FROM "labs" AS "t1"
                  WHERE
                    "t1"."analyte" = 'plt' AND "t1"."day" >= 0
                ) AS "t9"
                GROUP BY
                  1,
                  2
              ) AS "t20"
            ) AS "t25"
            UNION ALL
            SELECT
              *
            FROM (
              SELECT
                "t0"."patient_id",
                CAST("t0"."day" AS BIGINT) AS "day",
                TRUE AS "low"
              FROM "transfusions" AS "t0"
              WHERE
                "t0"."product" = 'platelets'
            ) AS "t7"
          ) AS "t27"
          INNER JOIN "t42" AS "t45"
            ON "t27"."patient_id" = "t45"."patient_id"
        ) AS "t46"
        WHERE
          "t46"."day" BETWEEN "t46"."cutoff" - 7 AND "t46"."cutoff" + 7
      ) AS "t48"
      GROUP BY
        1
    ) AS "t52"
      ON "t56"."patient_id" = "t52"."patient_id"
  ) AS "t57"
) AS "t58"
